import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';

/** `npm start` as Node arguments: its flags, then its entry made absolute. Benches start the app exactly as users do. */
export function startCommand(): { flags: string[]; entry: string } {
  const root = packageRoot();
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = scripts.start.trim().split(/\s+/);
  const entry = args.pop();
  if (node !== 'node' || !entry) throw new Error(`bench: npm start is not "node [flags] ENTRY": ${scripts.start}`);
  return { flags: args, entry: join(root, entry) };
}
