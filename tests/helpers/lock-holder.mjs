// A second process on the app's Redis that takes one lock the way the bot does (the built store),
// says `held`, then waits for a `write` line on stdin and writes a record through its lease.
// Tests stop (SIGSTOP) or kill (SIGKILL) it while it holds the lock. Prints `written` or `refused`.
// Usage: node lock-holder.mjs REDIS_URL LOCK_KEY NS KEY  (the record written is {"by":"holder"}).
import { createInterface } from 'node:readline';
import { silentLogger } from '../../dist/src/logger.js';
import { LockLostError, openStore } from '../../dist/src/state/store.js';

const [url, lockKey, ns, key] = process.argv.slice(2);
const store = await openStore({ kind: 'redis', url }, { logger: silentLogger() });
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
try {
  await store.withLock(lockKey, async (lease) => {
    const before = await store.get(ns, key);
    process.stdout.write(`held ${JSON.stringify(before ?? null)}\n`);
    await lines.next();
    await lease.set(ns, key, { by: 'holder' });
  });
  process.stdout.write('written\n');
} catch (err) {
  process.stdout.write(err instanceof LockLostError ? 'refused\n' : `failed ${String(err)}\n`);
}
await store.close();
process.exit(0);
