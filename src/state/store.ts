import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { StoreConfig } from '../config.js';
import { BotError, StoreUnavailableError } from '../errors.js';
import { lockToken, openBackend, type Backend } from './backends.js';
import { readableDeserializer } from './deserialize.js';
import { KeyedMutex } from './keyed-mutex.js';
import { holdLock, type Lease } from './lease.js';
import type { RateCounter } from './rate-counter.js';

export { LockLostError, type Lease } from './lease.js';
export { UnreadableValue } from './deserialize.js';
export type { RateCounter } from './rate-counter.js';

/**
 * The bot's only door to state. Keys live in namespaces (one per concern); every call has a
 * deadline so a store that hangs turns into a `StoreUnavailableError` the user hears about,
 * and an outage is logged once when it starts and once when it ends.
 */
export interface Store {
  readonly kind: StoreConfig['kind'];
  get(ns: string, key: string): Promise<unknown>;
  /** `ttlMs` omitted: kept until deleted. */
  set(ns: string, key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete(ns: string, key: string): Promise<void>;
  /** Sets a marker only if none is live; true for the first caller. Used for dedupe and once-only work. */
  claim(ns: string, key: string, ttlMs: number): Promise<boolean>;
  /**
   * Runs `fn` while holding the lock on `key`, across processes when the backend is shared.
   * Keyv has no compare-and-set, so every read-modify-write of a shared record goes through here,
   * and writes it through `lease.set`: a holder whose lock expired meanwhile gets `LockLostError`.
   */
  withLock<T>(key: string, fn: (lease: Lease) => Promise<T>): Promise<T>;
  /** Every live record of a namespace as [key, value], in no particular order (for rebuilding indexes). */
  entries(ns: string): AsyncIterable<[string, unknown]>;
  /**
   * A per-key hit counter over a fixed window of `windowMs` (whole seconds), kept in the backend:
   * with Redis every process counts into the same window. Calls have no deadline of their own.
   */
  rateCounter(name: string, points: number, windowMs: number): RateCounter;
  /** True when the backend answers now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions {
  logger: Logger;
  /** Deadline for one store call, in ms. */
  callTimeoutMs?: number;
  /**
   * A lock is given up after this long, in ms, unless its holder renews it (every third of it);
   * so a crashed or stalled holder blocks others for at most this long.
   */
  lockTtlMs?: number;
  /** How long a caller waits for a lock before failing, in ms. */
  lockWaitMs?: number;
  /** Key prefix in the backend (default `rustgo`); tests use their own to share one Redis. */
  namespace?: string;
}

export async function openStore(config: StoreConfig, options: StoreOptions): Promise<Store> {
  let backend: Backend;
  try {
    backend = await openBackend(config, { namespace: options.namespace });
  } catch (cause) {
    throw new StoreUnavailableError(`STORE_URL: could not open the ${config.kind} store (${describe(cause)})`, { cause });
  }
  return createStore(backend, options);
}

/** A backend call, bounded by a timeout; a failure becomes StoreUnavailableError. */
type Call = <T>(what: string, op: () => Promise<T>) => Promise<T>;

/** Runs backend calls with a timeout; logs once when the store goes down and once when it is back. */
function timedCaller(log: StoreOptions['logger'], callTimeoutMs: number): Call {
  let down = false;
  return async function call<T>(what: string, op: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${callTimeoutMs} ms`)), callTimeoutMs);
      });
      const value = await Promise.race([op(), deadline]);
      if (down) {
        down = false;
        log.info('store reachable again');
      }
      return value;
    } catch (cause) {
      if (!down) {
        down = true;
        log.error({ err: describe(cause), op: what }, 'store unavailable');
      }
      throw new StoreUnavailableError(`store ${what} failed: ${describe(cause)}`, { cause });
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Takes the shared lock on `key`, retrying with jitter; resolves to the token that holds it. */
async function acquireLock(backend: Backend, call: Call, key: string, limits: { lockTtlMs: number; lockWaitMs: number }): Promise<string> {
  const token = lockToken();
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    if (await call('lock', () => backend.claim(`lock:${key}`, token, limits.lockTtlMs))) return token;
    if (Date.now() - started > limits.lockWaitMs) {
      throw new BotError('lock_timeout', `waited more than ${limits.lockWaitMs} ms for lock ${key}`);
    }
    await sleep(Math.min(2 + attempt * 2, 25) * (0.5 + Math.random()));
  }
}

/** The entries of one namespace, keys without the namespace. */
async function* entriesIn(backend: Backend, ns: string): AsyncGenerator<[string, unknown]> {
  const prefix = `${ns}:`;
  const iterate = backend.keyv.iterator?.bind(backend.keyv);
  if (!iterate) return;
  for await (const [key, value] of iterate(undefined)) {
    if (typeof key === 'string' && key.startsWith(prefix)) yield [key.slice(prefix.length), value] as [string, unknown];
  }
}

export function createStore(backend: Backend, options: StoreOptions): Store {
  const log = options.logger.child({ component: 'store', store: backend.kind });
  const callTimeoutMs = options.callTimeoutMs ?? 2_000;
  const lockTtlMs = options.lockTtlMs ?? 3_000;
  const lockWaitMs = options.lockWaitMs ?? 15_000;
  const local = new KeyedMutex();

  backend.keyv.on('error', () => {});
  const { deserialize } = backend.keyv;
  if (deserialize) backend.keyv.deserialize = readableDeserializer(deserialize) as typeof deserialize;
  const call = timedCaller(log, callTimeoutMs);
  const k = (ns: string, key: string) => `${ns}:${key}`;
  const acquire = (key: string) => acquireLock(backend, call, key, { lockTtlMs, lockWaitMs });

  return {
    kind: backend.kind,
    get: (ns, key) => call('get', () => backend.keyv.get(k(ns, key))),
    async set(ns, key, value, ttlMs) {
      await call('set', () => backend.keyv.set(k(ns, key), value, ttlMs));
    },
    async delete(ns, key) {
      await call('delete', () => backend.keyv.delete(k(ns, key)));
    },
    claim: (ns, key, ttlMs) => call('claim', () => backend.claim(k(ns, key), '1', ttlMs)),
    withLock(key, fn) {
      return local.run(key, async () => {
        const token = backend.shared ? await acquire(key) : '';
        const held = holdLock({
          key,
          claimKey: `lock:${key}`,
          token,
          ttlMs: lockTtlMs,
          call,
          write: (ns, k2, value, ttlMs) => call('set', () => backend.keyv.set(k(ns, k2), value, ttlMs)).then(() => {}),
          fencing: backend.shared ? backend.fencing : undefined,
          onLost: (lost) => log.warn({ lock: lost }, 'lock expired while held; its late writes are refused'),
        });
        try {
          return await fn(held.lease);
        } finally {
          held.end();
          if (backend.shared) await call('unlock', () => backend.release(`lock:${key}`, token)).catch(() => {});
        }
      });
    },
    entries: (ns) => entriesIn(backend, ns),
    rateCounter: (name, points, windowMs) => backend.rateCounter(name, points, windowMs),
    ping: () => call('ping', () => backend.ping()).then(
      () => true,
      () => false,
    ),
    close: () => backend.close(),
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
