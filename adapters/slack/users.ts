import type { Sender } from '../../src/core/messages.js';

/** What the directory lookup needs: `users.info` on the Web API. */
export interface UserLookup {
  (userId: string): Promise<{ name?: string; realName?: string; isAdmin: boolean } | undefined>;
}

export interface UserCacheOptions {
  /** Most users kept; the oldest is dropped first. */
  maxEntries?: number;
  /** How long a lookup is trusted, in ms (admin status can change). */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Names and admin flags by user id, looked up once and kept in memory with a bound. A failed
 * lookup gives the name Slack sent with the request and no admin rights, and is not cached.
 */
export function createUserCache(lookup: UserLookup, options: UserCacheOptions = {}) {
  const maxEntries = options.maxEntries ?? 5_000;
  const ttlMs = options.ttlMs ?? 10 * 60 * 1000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { sender: Sender; expires: number }>();
  const pending = new Map<string, Promise<Sender>>();

  async function load(id: string, fallbackName: string): Promise<Sender> {
    const found = await lookup(id).catch(() => undefined);
    const sender: Sender = {
      id,
      name: found?.realName || found?.name || fallbackName,
      isAdmin: () => Promise.resolve(found?.isAdmin ?? false),
    };
    if (found) {
      entries.delete(id);
      entries.set(id, { sender, expires: now() + ttlMs });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    }
    return sender;
  }

  return {
    async get(id: string, fallbackName?: string): Promise<Sender> {
      const hit = entries.get(id);
      if (hit && hit.expires > now()) return hit.sender;
      const inFlight = pending.get(id);
      if (inFlight) return inFlight;
      const promise = load(id, fallbackName ?? id).finally(() => pending.delete(id));
      pending.set(id, promise);
      return promise;
    },
    get size() {
      return entries.size;
    },
  };
}

export type UserCache = ReturnType<typeof createUserCache>;
