/**
 * Keyv's store contract, run against the project's own SQLite store and, where REDIS_URL is set, against
 * Redis through @keyv/redis on its own database index (15), so other tests' keys are never touched.
 *
 * Written here rather than taken from @keyv/test-suite 2.1.2, which does not install cleanly beside this
 * project's dependencies: in a scratch copy, `npm install -D @keyv/test-suite@2.1.2` failed, because its
 * sqlite3 dependency (a second native SQLite beside better-sqlite3, which the suite never uses) found no
 * prebuilt binary and its source build had not finished after 15 minutes on the shared 2-core machine. It also
 * brings its own vitest and @vitest/coverage-v8, and its TTL case freezes `Date.now` with timekeeper, which
 * cannot expire a key inside Redis. The cases below follow its list: get/set/delete/clear/has, getMany/setMany/deleteMany,
 * the iterator, TTL expiry (waited for, on the store's own clock) and namespaces, plus the prefix traps
 * NOTES.md records for @keyv/sqlite.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SqliteKeyvStore } from '../../src/state/sqlite-keyv.js';

interface Subject {
  name: string;
  /** A Keyv in the given namespace over one shared store, as the app builds it. */
  open(namespace: string): Promise<Keyv>;
  close(): Promise<void>;
  /** @keyv/redis 5.1's setMany resolves with nothing instead of one boolean per entry (its only deviation found). */
  setManyAnswers: boolean;
}

function sqliteSubject(): Subject {
  const store = new SqliteKeyvStore(join(mkdtempSync(join(tmpdir(), 'rustgo-contract-')), 'kv.sqlite'));
  return {
    name: 'SQLite (SqliteKeyvStore)',
    // Keyv sets `namespace` on the store it is given, so each namespace gets its own adapter on the same file.
    open: (namespace) =>
      Promise.resolve(new Keyv({ store: Object.assign(Object.create(store) as KeyvStoreAdapter, { namespace }), namespace, throwOnErrors: true })),
    close: () => store.disconnect(),
    setManyAnswers: true,
  };
}

function redisSubject(url: string): Subject {
  const dbUrl = new URL(url);
  dbUrl.pathname = '/15';
  const opened: Keyv[] = [];
  return {
    name: `Redis (${dbUrl.host} db 15)`,
    async open(namespace) {
      const { createKeyv } = await import('@keyv/redis');
      const keyv = createKeyv(dbUrl.toString(), { namespace, throwOnErrors: true });
      opened.push(keyv);
      return keyv;
    },
    async close() {
      await Promise.all(opened.map((k) => k.disconnect()));
    },
    setManyAnswers: false,
  };
}

const subjects: Subject[] = [sqliteSubject()];
if (process.env.REDIS_URL) subjects.push(redisSubject(process.env.REDIS_URL));

async function entries(keyv: Keyv): Promise<Array<[string, unknown]>> {
  const found: Array<[string, unknown]> = [];
  for await (const [key, value] of keyv.iterator?.(keyv.namespace) ?? []) found.push([key as string, value]);
  return found.sort(([a], [b]) => a.localeCompare(b));
}

describe.each(subjects)('Keyv store contract: $name', (subject) => {
  const ns = (name: string) => `ct${randomUUID().slice(0, 8)}${name}`;
  afterAll(() => subject.close());

  it('set, get, has and delete one key; a missing key reads as undefined', async () => {
    const keyv = await subject.open(ns('a'));
    expect(await keyv.get('missing')).toBeUndefined();
    expect(await keyv.has('k')).toBe(false);
    expect(await keyv.set('k', { n: 1, list: ['x', 'ü'], ok: true })).toBe(true);
    expect(await keyv.get('k')).toEqual({ n: 1, list: ['x', 'ü'], ok: true });
    expect(await keyv.has('k')).toBe(true);
    expect(await keyv.set('k', 'replaced')).toBe(true);
    expect(await keyv.get('k')).toBe('replaced');
    expect(await keyv.delete('k')).toBe(true);
    expect(await keyv.delete('k')).toBe(false);
    expect(await keyv.get('k')).toBeUndefined();
  });

  it.each([0, '', false, 'text', 12.5, [1, 2], { deep: { er: [null] } }].map((value) => ({ value })))('stores the value $value as it was', async ({ value }) => {
    const keyv = await subject.open(ns('v'));
    await keyv.set('value', value);
    expect(await keyv.get('value')).toEqual(value);
  });

  it('getMany, setMany and deleteMany', async () => {
    const keyv = await subject.open(ns('m'));
    const answer = await keyv.setMany([{ key: 'a', value: 1 }, { key: 'b', value: 'two' }, { key: 'c', value: [3] }]);
    if (subject.setManyAnswers) expect(answer).toEqual([true, true, true]);
    else expect(answer).toBeUndefined();
    expect(await keyv.getMany(['a', 'missing', 'c', 'b'])).toEqual([1, undefined, [3], 'two']);
    expect(await keyv.deleteMany(['a', 'c'])).toBe(true);
    expect(await keyv.getMany(['a', 'b', 'c'])).toEqual([undefined, 'two', undefined]);
    expect(await keyv.deleteMany(['a', 'c'])).toBe(false);
  });

  it('a TTL expires the key (in get, has, getMany and the iterator); without one it stays', async () => {
    const keyv = await subject.open(ns('t'));
    await keyv.set('short', 'soon gone', 150);
    await keyv.set('kept', 'stays');
    expect(await keyv.get('short')).toBe('soon gone');
    await vi.waitFor(async () => expect(await keyv.has('short')).toBe(false), { timeout: 3_000, interval: 25 });
    expect(await keyv.get('short')).toBeUndefined();
    expect(await keyv.getMany(['short', 'kept'])).toEqual([undefined, 'stays']);
    expect(await entries(keyv)).toEqual([['kept', 'stays']]);
  });

  it('the iterator yields every live key of its namespace once, without the prefix', async () => {
    const keyv = await subject.open(ns('i'));
    const other = await subject.open(`${keyv.namespace}x`);
    await Promise.all(['k1', 'k2', 'a:b:c'].map((k, i) => keyv.set(k, i)));
    await other.set('k1', 'not mine');
    expect(await entries(keyv)).toEqual([
      ['a:b:c', 2],
      ['k1', 0],
      ['k2', 1],
    ]);
  });

  it('namespaces are isolated, including a namespace that is a prefix of another or holds LIKE wildcards', async () => {
    const base = ns('n');
    const [g, gLonger, wild] = await Promise.all([subject.open(base), subject.open(`${base}1`), subject.open(`${base}_`)]);
    await g.set('k', 'g');
    await gLonger.set('k', 'g1');
    await wild.set('k', 'wild');
    expect([await g.get('k'), await gLonger.get('k'), await wild.get('k')]).toEqual(['g', 'g1', 'wild']);
    await wild.clear();
    expect(await wild.get('k')).toBeUndefined();
    expect([await g.get('k'), await gLonger.get('k')]).toEqual(['g', 'g1']);
    await g.clear();
    expect(await g.get('k')).toBeUndefined();
    expect(await gLonger.get('k')).toBe('g1');
  });

  it('clear empties its namespace, leaves it usable and reports nothing left to iterate', async () => {
    const keyv = await subject.open(ns('c'));
    await keyv.setMany([{ key: 'x', value: 1 }, { key: 'y', value: 2 }]);
    await keyv.clear();
    expect(await keyv.getMany(['x', 'y'])).toEqual([undefined, undefined]);
    expect(await entries(keyv)).toEqual([]);
    await keyv.set('x', 3);
    expect(await keyv.get('x')).toBe(3);
  });
});
