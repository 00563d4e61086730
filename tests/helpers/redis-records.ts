import KeyvRedis, { createKeyv } from '@keyv/redis';

/**
 * A raw look into the app's Redis: Keyv keeps each record as JSON `{"value": …, "expires": …}`
 * under `<namespace>::<ns>:<key>` (the app's namespace is `rustgo`). Tests read records to check
 * what was stored and rewrite them to move time (a poll's deadline) without waiting.
 */
export interface StoredRecord<T = any> {
  value: T;
  expires?: number | null;
}

export interface RawRedis {
  keys(pattern: string): Promise<string[]>;
  read<T = any>(key: string): Promise<StoredRecord<T> | undefined>;
  write(key: string, record: StoredRecord): Promise<void>;
  close(): Promise<void>;
}

export const appKey = (ns: string, key: string, namespace = 'rustgo'): string => `${namespace}::${ns}:${key}`;

export async function rawRedis(url: string): Promise<RawRedis> {
  const keyv = createKeyv(url);
  keyv.on('error', () => {});
  const client = await (keyv.store as KeyvRedis<unknown>).getClient();
  return {
    keys: (pattern) => client.keys(pattern),
    async read(key) {
      const raw = await client.get(key);
      return raw === null ? undefined : (JSON.parse(String(raw)) as StoredRecord);
    },
    async write(key, record) {
      // KEEPTTL: the record keeps the expiry Redis already has for it.
      await client.set(key, JSON.stringify(record), { KEEPTTL: true });
    },
    async close() {
      await keyv.disconnect().catch(() => {});
    },
  };
}
