import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/state/store.js';

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
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.get('dedupe', 'x')).toBeUndefined();
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

  if (name === 'redis') {
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
