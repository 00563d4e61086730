import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { backupRecord, readRecord, type ReadResult } from '../../state/records.js';
import type { Store } from '../../state/store.js';
import { pollSchema, type Poll } from './poll.js';

/**
 * Where polls live. Every read-modify-write of a poll runs under the poll's own lock
 * (`lockOf`), because Keyv has no compare-and-set; the channel index and the deadline index
 * have locks of their own. Keys carry the conversation key, so a poll id from another
 * channel or workspace simply does not exist here.
 */
export const POLLS = 'polls';
const INDEX = 'poll-index';
const DEADLINES = 'poll-deadlines';
/** Polls (and the channel index) are kept half a year after their last change. */
export const POLL_TTL_MS = 180 * 24 * 60 * 60 * 1000;
/** The channel index remembers this many newest polls. */
const INDEX_SIZE = 50;

export const pollKey = (convKey: string, id: string): string => `${convKey}:${id}`;
export const lockOf = (convKey: string, id: string): string => `poll:${convKey}:${id}`;

export function readPoll(store: Store, convKey: string, id: string): Promise<ReadResult<Poll>> {
  return readRecord(store, POLLS, pollKey(convKey, id), pollSchema);
}

/** Inside `withLock`, pass the lease so a write from a holder whose lock expired is refused. */
export async function savePoll(store: Pick<Store, 'set'>, convKey: string, poll: Poll): Promise<void> {
  await store.set(POLLS, pollKey(convKey, poll.id), poll, POLL_TTL_MS);
}

const indexSchema = z.object({ v: z.literal(1), ids: z.array(z.string()) });

/** Adds a poll to its channel's index (newest last). A damaged index is backed up and started afresh. */
export async function addToIndex(store: Store, convKey: string, id: string, now: number): Promise<void> {
  await store.withLock(`poll-index:${convKey}`, async () => {
    const found = await readRecord(store, INDEX, convKey, indexSchema);
    if (found.status === 'corrupt') await backupRecord(store, INDEX, convKey, found.raw, now);
    const ids = found.status === 'ok' ? found.value.ids : [];
    await store.set(INDEX, convKey, { v: 1, ids: [...ids, id].slice(-INDEX_SIZE) }, POLL_TTL_MS);
  });
}

/** This channel's poll ids, newest first. */
export async function channelPollIds(store: Store, convKey: string): Promise<string[]> {
  const found = await readRecord(store, INDEX, convKey, indexSchema);
  return found.status === 'ok' ? [...found.value.ids].reverse() : [];
}

/** The newest poll in this channel that passes `filter` (skipping unreadable ones). */
export async function newestPoll(store: Store, convKey: string, filter: (p: Poll) => boolean = () => true): Promise<Poll | undefined> {
  for (const id of await channelPollIds(store, convKey)) {
    const found = await readPoll(store, convKey, id);
    if (found.status === 'ok' && filter(found.value)) return found.value;
  }
  return undefined;
}

const deadlineSchema = z.object({
  v: z.literal(1),
  entries: z.array(z.object({ key: z.string(), id: z.string(), at: z.number() })),
});
export type DeadlineEntry = z.infer<typeof deadlineSchema>['entries'][number];

async function editDeadlines(store: Store, now: number, edit: (e: DeadlineEntry[]) => DeadlineEntry[]): Promise<void> {
  await store.withLock('poll-deadlines', async () => {
    const found = await readRecord(store, DEADLINES, 'open', deadlineSchema);
    if (found.status === 'corrupt') await backupRecord(store, DEADLINES, 'open', found.raw, now);
    const entries = found.status === 'ok' ? found.value.entries : [];
    await store.set(DEADLINES, 'open', { v: 1, entries: edit(entries) });
  });
}

export const addDeadline = (store: Store, entry: DeadlineEntry, now: number) =>
  editDeadlines(store, now, (e) => [...e, entry]);

export const removeDeadline = (store: Store, convKey: string, id: string, now: number) =>
  editDeadlines(store, now, (e) => e.filter((x) => !(x.key === convKey && x.id === id)));

/** Open polls whose deadline has passed. */
export async function dueDeadlines(store: Store, now: number): Promise<DeadlineEntry[]> {
  const found = await readRecord(store, DEADLINES, 'open', deadlineSchema);
  return found.status === 'ok' ? found.value.entries.filter((e) => e.at <= now) : [];
}

const secrets = new WeakMap<Store, string>();

/**
 * The key for anonymous voters' hashes: POLL_SECRET when configured, otherwise a random key made
 * once and kept in the store (weaker: whoever can read the store can recompute the hashes).
 */
export async function pollSecret(store: Store, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const cached = secrets.get(store);
  if (cached) return cached;
  const secret = await store.withLock('poll-secret', async () => {
    const existing = await store.get('meta', 'poll-secret');
    if (typeof existing === 'string' && existing.length >= 32) return existing;
    const made = randomBytes(32).toString('hex');
    await store.set('meta', 'poll-secret', made);
    return made;
  });
  secrets.set(store, secret);
  return secret;
}

/** An anonymous voter's key: an HMAC of who they are, so a vote can move but the id is not stored. */
export function anonymousVoterKey(secret: string, platform: string, workspaceId: string, userId: string): string {
  return `h:${createHmac('sha256', secret).update(`${platform}\u0000${workspaceId}\u0000${userId}`).digest('base64url').slice(0, 32)}`;
}
