import { randomUUID } from 'node:crypto';
import Keyv from 'keyv';
import KeyvRedis, { createKeyv } from '@keyv/redis';
import type { StoreConfig } from '../config.js';
import { SqliteKeyvStore } from './sqlite-keyv.js';

/**
 * What each backend gives the store: a Keyv for records and the two atomic operations Keyv
 * lacks. `claim` sets a key only when no live value exists; `release` deletes it only when it
 * still holds the caller's value.
 */
export interface Backend {
  readonly kind: StoreConfig['kind'];
  readonly keyv: Keyv;
  /** True when several processes may share this backend, so locks must live in it. */
  readonly shared: boolean;
  claim(key: string, value: string, ttlMs: number): Promise<boolean>;
  release(key: string, value: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const NAMESPACE = 'rustgo';

export async function openBackend(config: StoreConfig, connectTimeoutMs = 3_000): Promise<Backend> {
  switch (config.kind) {
    case 'memory':
      return memoryBackend();
    case 'sqlite':
      return sqliteBackend(config.path);
    case 'redis':
      return redisBackend(config.url, connectTimeoutMs);
  }
}

function memoryBackend(): Backend {
  const claims = new Map<string, { value: string; expires: number }>();
  const keyv = new Keyv({ namespace: NAMESPACE, throwOnErrors: true });
  return {
    kind: 'memory',
    keyv,
    shared: false,
    async claim(key, value, ttlMs) {
      const now = Date.now();
      const held = claims.get(key);
      if (held && held.expires > now) return false;
      claims.set(key, { value, expires: now + ttlMs });
      if (claims.size % 1024 === 0) for (const [k, v] of claims) if (v.expires <= now) claims.delete(k);
      return true;
    },
    async release(key, value) {
      if (claims.get(key)?.value === value) claims.delete(key);
    },
    async ping() {},
    async close() {
      await keyv.disconnect();
    },
  };
}

function sqliteBackend(path: string): Backend {
  const store = new SqliteKeyvStore(path);
  const keyv = new Keyv({ store, namespace: NAMESPACE, throwOnErrors: true });
  const sweeper = setInterval(() => {
    try {
      store.sweepExpired();
    } catch {
      // A failed sweep only delays freeing space; reads already ignore expired rows.
    }
  }, 10 * 60_000);
  sweeper.unref();
  return {
    kind: 'sqlite',
    keyv,
    shared: true,
    async claim(key, value, ttlMs) {
      return store.insertIfAbsent(key, value, ttlMs);
    },
    async release(key, value) {
      store.releaseIfHeld(key, value);
    },
    async ping() {
      store.db.prepare('SELECT 1').get();
    },
    async close() {
      clearInterval(sweeper);
      await store.disconnect();
    },
  };
}

const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

async function redisBackend(url: string, connectTimeoutMs: number): Promise<Backend> {
  const keyv = createKeyv(
    {
      url,
      // Fail commands at once while disconnected instead of queueing them forever.
      disableOfflineQueue: true,
      socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
    },
    { namespace: NAMESPACE, throwOnErrors: true, throwOnConnectError: true, connectionTimeout: connectTimeoutMs },
  );
  keyv.throwOnErrors = true;
  const adapter = keyv.store as KeyvRedis<unknown>;
  // Errors surface through rejected calls; without a listener Node would treat them as fatal.
  keyv.on('error', () => {});
  adapter.on('error', () => {});
  const client = await adapter.getClient();
  const raw = (key: string) => `${NAMESPACE}:claim:${key}`;
  return {
    kind: 'redis',
    keyv,
    shared: true,
    async claim(key, value, ttlMs) {
      const reply = await client.set(raw(key), value, { NX: true, PX: Math.max(1, Math.ceil(ttlMs)) });
      return reply === 'OK';
    },
    async release(key, value) {
      await client.eval(RELEASE_SCRIPT, { keys: [raw(key)], arguments: [value] });
    },
    async ping() {
      await client.ping();
    },
    async close() {
      try {
        await keyv.disconnect();
      } catch {
        // Already disconnected (for example after an outage): nothing left to close.
      }
    },
  };
}

/** A fresh random token for one lock holder. */
export const lockToken = (): string => randomUUID();
