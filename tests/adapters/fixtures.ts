import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

/**
 * A recorded platform payload and the neutral Incoming it must map to (or `"ignored"`). Each file
 * in tests/fixtures/<platform>/ is one scenario; `_source` says where its shape comes from.
 */
export interface Fixture<D extends string> {
  readonly name: string;
  readonly _source: string;
  /** How the payload reaches the adapter (Slack: command, event or action; Discord: a gateway dispatch). */
  readonly delivery: D;
  readonly payload: Record<string, any>;
  readonly expect: Record<string, unknown> | 'ignored';
}

export function loadFixtures<D extends string>(platform: 'slack' | 'discord', substitute: (json: string) => string = (s) => s): Fixture<D>[] {
  const dir = join(packageRoot(), 'tests', 'fixtures', platform);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ name: file.replace(/\.json$/, ''), ...(JSON.parse(substitute(readFileSync(join(dir, file), 'utf8'))) as Omit<Fixture<D>, 'name'>) }));
}

/** An Incoming as fixture JSON holds it: the sender's lazy admin flag resolved to a boolean. */
export async function asRecorded(incoming: { readonly sender: { isAdmin(): Promise<boolean> } }): Promise<unknown> {
  return { ...incoming, sender: { ...incoming.sender, isAdmin: await incoming.sender.isAdmin() } };
}
