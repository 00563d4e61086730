import { randomUUID } from 'node:crypto';
import Keyv from 'keyv';
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import type KeyvRedis from '@keyv/redis';
import type { StoreConfig } from '../config.js';
import { rateCounter, type RateCounter } from './rate-counter.js';
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
  /** A counter of hits per key and window, shared wherever the backend is. `windowMs` is rounded up to seconds. */
  rateCounter(name: string, points: number, windowMs: number): RateCounter;
  /** Present on shared backends: lock upkeep that must be atomic across processes. */
  readonly fencing?: Fencing | undefined;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Atomic checks that a lock still holds the caller's token, for locks that can expire under their holder. */
export interface Fencing {
  /** Extends the claim to `ttlMs` from now; false when it no longer holds `token`. */
  renew(claimKey: string, token: string, ttlMs: number): Promise<boolean>;
  /** Writes a Keyv record only while the claim still holds `token`; false when refused. */
  setIfHeld(claimKey: string, token: string, key: string, value: unknown, ttlMs?: number): Promise<boolean>;
}

export const DEFAULT_NAMESPACE = 'rustgo';

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1_000));

function memoryCounter(name: string, points: number, windowMs: number): RateCounter {
  return rateCounter(new RateLimiterMemory({ keyPrefix: name, points, duration: seconds(windowMs) }));
}

export interface BackendOptions {
  /** Key prefix; tests use their own so they can share one Redis. */
  namespace?: string;
  connectTimeoutMs?: number;
}

export async function openBackend(config: StoreConfig, options: BackendOptions = {}): Promise<Backend> {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  switch (config.kind) {
    case 'memory':
      return memoryBackend(namespace);
    case 'sqlite':
      return sqliteBackend(config.path, namespace);
    case 'redis':
      return redisBackend(config.url, namespace, options.connectTimeoutMs ?? 3_000);
  }
}

function memoryBackend(namespace: string): Backend {
  const claims = new Map<string, { value: string; expires: number }>();
  const keyv = new Keyv({ namespace, throwOnErrors: true });
  return {
    kind: 'memory',
    keyv,
    shared: false,
    rateCounter: memoryCounter,
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

function sqliteBackend(path: string, namespace: string): Backend {
  const store = new SqliteKeyvStore(path);
  const keyv = new Keyv({ store, namespace, throwOnErrors: true });
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
    // One bot process per SQLite file: locks stay in memory, so a crash never leaves one behind.
    shared: false,
    rateCounter: memoryCounter,
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
const RENEW_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
// One script, so no other holder can take the lock between the check and the write. ARGV[3] is a TTL in ms or ''.
const SET_IF_HELD_SCRIPT = `if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[3] == '' then redis.call('set', KEYS[2], ARGV[2]) else redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3]) end
return 1`;

type RedisKeyv = ReturnType<typeof import('@keyv/redis').createKeyv>;
type RedisClient = Awaited<ReturnType<KeyvRedis<unknown>['getClient']>>;

/** Renewing a claim and writing only while it is held, each one Lua script so no other holder can step in. */
function redisFencing(keyv: RedisKeyv, adapter: KeyvRedis<unknown>, client: RedisClient, raw: (key: string) => string): Fencing {
  return {
    async renew(claimKey, token, ttlMs) {
      return Number(await client.eval(RENEW_SCRIPT, { keys: [raw(claimKey)], arguments: [token, String(Math.ceil(ttlMs))] })) === 1;
    },
    async setIfHeld(claimKey, token, key, value, ttlMs) {
      // Keyv's own key prefix and serialisation, so `keyv.get` reads the record back like any other.
      const ttl = ttlMs === undefined || ttlMs <= 0 ? undefined : Math.ceil(ttlMs);
      const stored = await keyv.serializeData({ value, expires: ttl === undefined ? undefined : Date.now() + ttl });
      const storeKey = adapter.createKeyPrefix(key, adapter.namespace);
      // Keyv's default serialiser gives a string; anything else is written as JSON rather than "[object Object]".
      const args = [token, typeof stored === 'string' ? stored : JSON.stringify(stored), ttl === undefined ? '' : String(ttl)];
      return Number(await client.eval(SET_IF_HELD_SCRIPT, { keys: [raw(claimKey), storeKey], arguments: args })) === 1;
    },
  };
}

async function redisBackend(url: string, namespace: string, connectTimeoutMs: number): Promise<Backend> {
  // Loaded only when Redis is used: the client library costs about 18 MB of memory.
  const [{ createKeyv }, { default: RateLimiterRedis }] = await Promise.all([
    import('@keyv/redis'),
    import('rate-limiter-flexible/lib/RateLimiterRedis.js'),
  ]);
  const keyv = createKeyv(
    {
      url,
      // Fail commands at once while disconnected instead of queueing them forever.
      disableOfflineQueue: true,
      socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
    },
    { namespace, throwOnErrors: true, throwOnConnectError: true, connectionTimeout: connectTimeoutMs },
  );
  const adapter = keyv.store as KeyvRedis<unknown>;
  // Errors surface through rejected calls; without a listener Node would treat them as fatal. The
  // first one is kept: Keyv's own connect error only says "not connected", whatever the cause.
  let firstError: unknown;
  adapter.on('error', (err: unknown) => {
    firstError ??= err;
  });
  const client = await adapter.getClient().catch((err: unknown) => {
    throw new Error(redisConnectFailure(firstError ?? err), { cause: firstError ?? err });
  });
  const raw = (key: string) => `${namespace}:claim:${key}`;
  const fencing = redisFencing(keyv, adapter, client, raw);
  return {
    kind: 'redis',
    keyv,
    shared: true,
    fencing,
    rateCounter(name, points, windowMs) {
      const keyPrefix = `${namespace}:rate:${name}`;
      return rateCounter(new RateLimiterRedis({ storeClient: client, useRedisPackage: true, keyPrefix, points, duration: seconds(windowMs) }));
    },
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

/** Says which of the usual causes stopped the connection: the password, the network, or else Redis's own words. */
export function redisConnectFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (/^(WRONGPASS|NOAUTH)\b/.test(message) || /AUTH .*without any password configured/i.test(message)) {
    return `Redis refused the credentials in the URL (${message})`;
  }
  if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET)$/.test(code)) {
    return `cannot reach Redis over the network (${message})`;
  }
  if (/timed out/i.test(message)) return `cannot reach Redis over the network (${message})`;
  return message;
}

/** A fresh random token for one lock holder. */
export const lockToken = (): string => randomUUID();
