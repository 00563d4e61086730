import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { KeyvStoreAdapter, StoredData } from 'keyv';

/**
 * The project's own Keyv store on better-sqlite3, instead of @keyv/sqlite, because the stock store
 * (4.0.x) measured about 25× slower and gets namespaces wrong: it matches them with `LIKE 'ns:%'`, so
 * `_` and `%` in a namespace are wildcards and namespace `g` also clears and iterates `g1`; it never
 * deletes expired rows unless they are read; its rollback journal fsyncs every write; and it pulls
 * sqlite3, a second native build. This store uses a WAL journal, an `expires` column swept in the
 * background, and exact key ranges (`key >= 'ns:' AND key < 'ns;'`) for a namespace.
 * tests/state/keyv-contract.test.ts holds it to Keyv's store contract.
 * It also offers `insertIfAbsent`, the one atomic operation the bot needs beyond Keyv.
 */
export class SqliteKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  opts: { dialect: 'sqlite'; url: string };
  namespace?: string | undefined;
  readonly db: Database.Database;
  private readonly stmt: ReturnType<SqliteKeyvStore['prepare']>;

  constructor(path: string) {
    super();
    this.opts = { dialect: 'sqlite', url: `sqlite://${path}` };
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { timeout: 5_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER);
      CREATE INDEX IF NOT EXISTS kv_expires ON kv(expires) WHERE expires IS NOT NULL;
      CREATE TABLE IF NOT EXISTS once (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER NOT NULL);
    `);
    this.stmt = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      get: db.prepare<[string, number], { value: string }>(
        'SELECT value FROM kv WHERE key = ? AND (expires IS NULL OR expires > ?)',
      ),
      set: db.prepare<[string, string, number | null]>(
        'INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires',
      ),
      del: db.prepare<[string]>('DELETE FROM kv WHERE key = ?'),
      has: db.prepare<[string, number], { one: number }>(
        'SELECT 1 AS one FROM kv WHERE key = ? AND (expires IS NULL OR expires > ?)',
      ),
      clearRange: db.prepare<[string, string]>('DELETE FROM kv WHERE key >= ? AND key < ?'),
      range: db.prepare<[string, string, number], { key: string; value: string }>(
        'SELECT key, value FROM kv WHERE key >= ? AND key < ? AND (expires IS NULL OR expires > ?) ORDER BY key',
      ),
      sweep: db.prepare<[number]>('DELETE FROM kv WHERE expires IS NOT NULL AND expires <= ?'),
      sweepOnce: db.prepare<[number]>('DELETE FROM once WHERE expires <= ?'),
      once: db.prepare<[string, string, number, number]>(
        `INSERT INTO once (key, value, expires) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires WHERE once.expires <= ?`,
      ),
      onceDelete: db.prepare<[string, string]>('DELETE FROM once WHERE key = ? AND value = ?'),
    };
  }

  private prefixed(key: string): string {
    return this.namespace ? `${this.namespace}:${key}` : key;
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const row = this.stmt.get.get(key, Date.now());
    return row?.value as StoredData<Value> | undefined;
  }

  async getMany<Value>(keys: string[]): Promise<Array<StoredData<Value | undefined>>> {
    return Promise.all(keys.map((k) => this.get<Value>(k)));
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    const expires = typeof ttl === 'number' && ttl > 0 ? Date.now() + ttl : null;
    this.stmt.set.run(key, String(value), expires);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.stmt.del.run(key).changes > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    const results = await Promise.all(keys.map((k) => this.delete(k)));
    return results.some(Boolean);
  }

  async has(key: string): Promise<boolean> {
    return this.stmt.has.get(key, Date.now()) !== undefined;
  }

  async clear(): Promise<void> {
    const prefix = this.prefixed('');
    if (prefix === '') {
      this.db.exec('DELETE FROM kv');
      return;
    }
    this.stmt.clearRange.run(prefix, upperBound(prefix));
  }

  async *iterator<Value>(namespace?: string): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    const prefix = namespace ? `${namespace}:` : '';
    const rows = this.stmt.range.all(prefix, prefix === '' ? '\uffff' : upperBound(prefix), Date.now());
    for (const row of rows) yield [row.key, row.value];
  }

  /** Atomically claims `key` unless a live claim exists; true when this call claimed it. */
  insertIfAbsent(key: string, value: string, ttlMs: number): boolean {
    const now = Date.now();
    return this.stmt.once.run(key, value, now + ttlMs, now).changes > 0;
  }

  /** Releases a claim only if it still holds `value` (so a lock is never freed by a late holder). */
  releaseIfHeld(key: string, value: string): void {
    this.stmt.onceDelete.run(key, value);
  }

  /** Deletes expired rows; expired rows are already invisible, this only frees space. */
  sweepExpired(): number {
    const now = Date.now();
    return this.stmt.sweep.run(now).changes + this.stmt.sweepOnce.run(now).changes;
  }

  async disconnect(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** The smallest string greater than every string starting with `prefix`. */
function upperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
