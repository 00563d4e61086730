import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { LockLostError, openStore, type Lease, type Store } from '../../src/state/store.js';

const redisUrl = process.env.REDIS_URL;
const kinds: Array<[string, () => StoreConfig, boolean]> = [
  ['memory', () => ({ kind: 'memory' }), true],
  ['sqlite', () => ({ kind: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'rustgo-store-')), 's.sqlite') }), true],
  ['redis', () => ({ kind: 'redis', url: redisUrl ?? '' }), Boolean(redisUrl)],
];

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** Reads `key` every 10 ms until it is gone, for at most `withinMs`; returns the last read. */
async function readUntilGone(store: Store, ns: Parameters<Store['get']>[0], key: string, withinMs = 1_000): Promise<unknown> {
  const deadline = Date.now() + withinMs;
  let value = await store.get(ns, key);
  while (value !== undefined && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
    value = await store.get(ns, key);
  }
  return value;
}

async function open(config: StoreConfig, namespace = `t${randomUUID().slice(0, 8)}`): Promise<Store> {
  const store = await openStore(config, { logger: silentLogger(), namespace });
  opened.push(store);
  return store;
}

describe.each(kinds)('%s store', (name, config, available) => {
  it.skipIf(!available)('stores, reads back and deletes records per namespace', async () => {
    const store = await open(config());
    await store.set('sessions', 'k', { v: 1, list: [1, 2] });
    await store.set('polls', 'k', 'other');
    expect(await store.get('sessions', 'k')).toEqual({ v: 1, list: [1, 2] });
    expect(await store.get('polls', 'k')).toBe('other');
    await store.delete('sessions', 'k');
    expect(await store.get('sessions', 'k')).toBeUndefined();
  });

  it.skipIf(!available)('forgets a record after its TTL', async () => {
    const store = await open(config());
    await store.set('dedupe', 'x', 1, 50);
    expect(await store.get('dedupe', 'x')).toBe(1);
    expect(await readUntilGone(store, 'dedupe', 'x')).toBeUndefined();
  });

  it.skipIf(!available)('GIVEN 50 concurrent claims of one key THEN exactly one wins', async () => {
    const store = await open(config());
    const results = await Promise.all(Array.from({ length: 50 }, () => store.claim('dedupe', 'event-1', 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it.skipIf(!available)('GIVEN 300 concurrent read-modify-writes under withLock THEN none is lost', async () => {
    const store = await open(config());
    await Promise.all(
      Array.from({ length: 300 }, () =>
        store.withLock('counter', async () => {
          const n = ((await store.get('meta', 'counter')) as number | undefined) ?? 0;
          await store.set('meta', 'counter', n + 1);
        }),
      ),
    );
    expect(await store.get('meta', 'counter')).toBe(300);
  });

  it.skipIf(!available)('GIVEN a write through the lease THEN it reads back like any record, TTL included; after the lock ends the lease refuses', async () => {
    const store = await open(config());
    let kept: Lease | undefined;
    await store.withLock('rec', async (lease) => {
      kept = lease;
      await lease.set('polls', 'p1', { v: 1, votes: { U1: 0 } });
      await lease.set('dedupe', 'short', 'x', 60);
    });
    expect(await store.get('polls', 'p1')).toEqual({ v: 1, votes: { U1: 0 } });
    expect(await store.get('dedupe', 'short')).toBe('x');
    expect(await readUntilGone(store, 'dedupe', 'short')).toBeUndefined();
    await expect(kept!.set('polls', 'p1', 'late')).rejects.toBeInstanceOf(LockLostError);
    expect(await store.get('polls', 'p1')).toEqual({ v: 1, votes: { U1: 0 } });
  });

  if (name === 'redis') {
    it.skipIf(!available)('GIVEN a holder frozen past its lock while another takes it and writes THEN the frozen write is refused and the other stands', async () => {
      const namespace = `t${randomUUID().slice(0, 8)}`;
      const opts = { logger: silentLogger(), namespace, lockTtlMs: 150 };
      const [a, b] = [await openStore(config(), opts), await openStore(config(), opts)];
      opened.push(a, b);
      let other: Promise<void> | undefined;
      const late = a.withLock('rec', async (lease) => {
        // Blocks this event loop, renewals included, as a stopped process would be.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
        other = b.withLock('rec', (theirs) => theirs.set('meta', 'rec', 'theirs'));
        await other;
        await lease.set('meta', 'rec', 'late');
      });
      await expect(late).rejects.toBeInstanceOf(LockLostError);
      expect(await a.get('meta', 'rec')).toBe('theirs');
    });

    it.skipIf(!available)('GIVEN two processes on one Redis THEN the lock holds across them', async () => {
      const namespace = `t${randomUUID().slice(0, 8)}`;
      const [a, b] = [await open(config(), namespace), await open(config(), namespace)];
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (i % 2 ? a : b).withLock('counter', async () => {
            const store = i % 2 ? a : b;
            const n = ((await store.get('meta', 'counter')) as number | undefined) ?? 0;
            await store.set('meta', 'counter', n + 1);
          }),
        ),
      );
      expect(await a.get('meta', 'counter')).toBe(200);
    });
  }
});

describe('a store that is down', () => {
  it('GIVEN an unreachable Redis THEN opening fails with an error naming STORE_URL', async () => {
    await expect(openStore({ kind: 'redis', url: 'redis://127.0.0.1:1' }, { logger: silentLogger() })).rejects.toThrow(
      /^STORE_URL: could not open the redis store/,
    );
  });
});
