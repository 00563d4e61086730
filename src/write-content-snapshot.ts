import { readSnapshot, removeSnapshot, writeSnapshot } from './content-snapshot.js';
import { builtInKnowledgeDir } from './paths.js';

/**
 * The build's last step (`npm run build`, `npm start`): stores the validated built-in content so start-up
 * need not parse YAML. A snapshot already made from the same files and build is kept, so a start with
 * nothing changed stays quick. Content that does not validate leaves no snapshot: the bot then parses the
 * files at start and stops with its usual one-line error naming the file.
 */
async function main(): Promise<void> {
  const dir = builtInKnowledgeDir();
  if (readSnapshot(dir)) return;
  removeSnapshot();
  // Loaded only when the snapshot must be remade: the YAML parser is most of this step's time.
  const { parseContentSources } = await import('./content-sources.js');
  try {
    writeSnapshot(dir, await parseContentSources(dir));
  } catch (err) {
    process.stderr.write(`content snapshot not written: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}

await main();
