import type { webApi } from '@slack/bolt';
import type { Sender } from '../../src/core/messages.js';

/** What the directory lookup gives: `users.info` on the Web API. */
export interface Profile {
  name?: string | undefined;
  realName?: string | undefined;
  isAdmin: boolean;
}

export type UserLookup = (userId: string) => Promise<Profile | undefined>;

/** The lookup through `users.info`; a refusal is reported (a missing scope, once) and rethrown. */
export function usersInfo(client: webApi.WebClient, note: (err: unknown, method: string) => void): UserLookup {
  return async (id) => {
    try {
      const u = (await client.users.info({ user: id })).user;
      return u ? { name: u.name, realName: u.profile?.display_name || u.real_name, isAdmin: Boolean(u.is_admin || u.is_owner) } : undefined;
    } catch (err) {
      note(err, 'users.info');
      throw err;
    }
  };
}

export interface PeopleOptions {
  /** Most users kept; the oldest is dropped first. */
  maxEntries?: number;
  /** How long a lookup is trusted, in ms (admin status can change). */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Senders for the core, with `users.info` called only when something needs it: a name that the
 * payload does not carry (events carry only an id) or the admin flag, which the core asks for
 * only when a person acts on someone else's poll or checklist. Lookups are kept in memory with a
 * bound; a failed one gives the name Slack sent (else the id) and no admin rights, and is not kept.
 */
export function createPeople(lookup: UserLookup, options: PeopleOptions = {}) {
  const maxEntries = options.maxEntries ?? 5_000;
  const ttlMs = options.ttlMs ?? 10 * 60 * 1000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { profile: Profile; expires: number }>();
  const pending = new Map<string, Promise<Profile | undefined>>();

  async function load(id: string): Promise<Profile | undefined> {
    const found = await lookup(id).catch(() => undefined);
    if (found) {
      entries.delete(id);
      entries.set(id, { profile: found, expires: now() + ttlMs });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    }
    return found;
  }

  function profile(id: string): Promise<Profile | undefined> {
    const hit = entries.get(id);
    if (hit && hit.expires > now()) return Promise.resolve(hit.profile);
    const inFlight = pending.get(id);
    if (inFlight) return inFlight;
    const promise = load(id).finally(() => pending.delete(id));
    pending.set(id, promise);
    return promise;
  }

  const isAdmin = (id: string) => async () => (await profile(id))?.isAdmin ?? false;

  return {
    /** A sender named as the payload names them; without a name, the directory is asked for one. */
    async sender(id: string, knownName?: string): Promise<Sender> {
      const name = knownName || (await this.name(id));
      return { id, name, isAdmin: isAdmin(id) };
    },
    /** The person's display name, else their handle, else the id. */
    async name(id: string): Promise<string> {
      const found = await profile(id);
      return found?.realName || found?.name || id;
    },
    get size() {
      return entries.size;
    },
  };
}

export type People = ReturnType<typeof createPeople>;
