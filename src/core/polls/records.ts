import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { defineRecord, type ReadResult, type Records } from '../../state/records.js';
import { pollSchema, type Poll } from './poll.js';

/**
 * Where polls live. Keys carry the conversation key, so a poll id from another channel or workspace
 * simply does not exist here. A change that spans records takes their locks one after another, never
 * nested, always in this order: the poll, its channel index, the deadline index, the checklist result
 * it came from. Each later step is safe to repeat or miss: the sweeper drops deadlines of polls that
 * are no longer open, and a damaged index is rebuilt from the polls it lists.
 */

/** Polls (and the channel index) are kept half a year after their last change. */
const POLL_TTL_MS = 180 * 24 * 60 * 60 * 1000;
/** The channel index remembers this many newest polls. */
const INDEX_SIZE = 50;

interface PollRef {
  convKey: string;
  id: string;
}

export const POLL = defineRecord({
  ns: 'polls',
  key: (p: PollRef) => `${p.convKey}:${p.id}`,
  lock: (p: PollRef) => `poll:${p.convKey}:${p.id}`,
  schema: pollSchema,
  ttlMs: POLL_TTL_MS,
});

/** A channel's poll ids, newest last. */
const POLL_INDEX = defineRecord({
  ns: 'poll-index',
  key: (convKey: string) => convKey,
  lock: (convKey: string) => `poll-index:${convKey}`,
  schema: z.object({ v: z.literal(1), ids: z.array(z.string()) }),
  ttlMs: POLL_TTL_MS,
});

const deadlineEntry = z.object({ key: z.string(), id: z.string(), at: z.number() });
type DeadlineEntry = z.infer<typeof deadlineEntry>;

/** Every open poll with a deadline, across the whole store, for the sweeper. */
const DEADLINES = defineRecord({
  ns: 'poll-deadlines',
  key: () => 'open',
  lock: () => 'poll-deadlines',
  schema: z.object({ v: z.literal(1), entries: z.array(deadlineEntry) }),
});

/** The random key for anonymous voters' hashes when POLL_SECRET is not configured. */
export const SECRET = defineRecord({
  ns: 'meta',
  key: () => 'poll-secret',
  lock: () => 'poll-secret',
  schema: z.string().min(32),
});

/** Every readable poll with the conversation key it is stored under. */
async function* storedPolls(records: Records): AsyncGenerator<{ convKey: string; poll: Poll }> {
  for await (const [key, poll] of records.scan(POLL)) {
    const suffix = `:${poll.id}`;
    if (key.endsWith(suffix)) yield { convKey: key.slice(0, -suffix.length), poll };
  }
}

async function rebuildIndex(records: Records, convKey: string): Promise<string[]> {
  const found: Poll[] = [];
  for await (const { convKey: key, poll } of storedPolls(records)) if (key === convKey) found.push(poll);
  return found.sort((a, b) => a.createdAt - b.createdAt).map((p) => p.id);
}

async function rebuildDeadlines(records: Records): Promise<DeadlineEntry[]> {
  const entries: DeadlineEntry[] = [];
  for await (const { convKey, poll } of storedPolls(records)) {
    if (poll.status === 'open' && poll.deadline !== undefined) entries.push({ key: convKey, id: poll.id, at: poll.deadline });
  }
  return entries;
}

/** Adds a poll to its channel's index (newest last); a damaged index is rebuilt from the channel's polls. */
export async function addToIndex(records: Records, convKey: string, id: string): Promise<void> {
  await records.update(POLL_INDEX, convKey, async (current) => {
    const ids = current.status === 'ok' ? current.value.ids : current.status === 'corrupt' ? await rebuildIndex(records, convKey) : [];
    return { result: undefined, write: { v: 1 as const, ids: [...ids.filter((x) => x !== id), id].slice(-INDEX_SIZE) } };
  });
}

/** This channel's poll ids, newest first; a damaged index is rebuilt (and stored) first. */
export async function channelPollIds(records: Records, convKey: string): Promise<string[]> {
  const found = await records.read(POLL_INDEX, convKey);
  if (found.status === 'ok') return [...found.value.ids].reverse();
  if (found.status === 'missing') return [];
  const ids = await records.update(POLL_INDEX, convKey, async (current) => {
    if (current.status === 'ok') return { result: current.value.ids };
    const rebuilt = (await rebuildIndex(records, convKey)).slice(-INDEX_SIZE);
    return { result: rebuilt, write: { v: 1 as const, ids: rebuilt } };
  });
  return [...ids].reverse();
}

/** The newest poll in this channel that passes `filter`; a damaged one newer than it is returned instead. */
export async function newestPoll(records: Records, convKey: string, filter: (p: Poll) => boolean = () => true): Promise<ReadResult<Poll>> {
  for (const id of await channelPollIds(records, convKey)) {
    const found = await records.read(POLL, { convKey, id });
    if (found.status === 'corrupt') return found;
    if (found.status === 'ok' && filter(found.value)) return found;
  }
  return { status: 'missing' };
}

async function editDeadlines(records: Records, edit: (e: DeadlineEntry[]) => DeadlineEntry[]): Promise<DeadlineEntry[]> {
  return records.update(DEADLINES, undefined, async (current) => {
    const entries = current.status === 'ok' ? current.value.entries : current.status === 'corrupt' ? await rebuildDeadlines(records) : [];
    const edited = edit(entries);
    return { result: edited, write: { v: 1 as const, entries: edited } };
  });
}

const other = (key: string, id: string) => (x: DeadlineEntry) => !(x.key === key && x.id === id);

export const addDeadline = (records: Records, entry: DeadlineEntry) =>
  editDeadlines(records, (e) => [...e.filter(other(entry.key, entry.id)), entry]);

export const removeDeadline = (records: Records, convKey: string, id: string) => editDeadlines(records, (e) => e.filter(other(convKey, id)));

/** Open polls whose deadline has passed; a damaged index is rebuilt from the polls first. */
export async function dueDeadlines(records: Records, now: number): Promise<DeadlineEntry[]> {
  const found = await records.read(DEADLINES, undefined);
  const entries =
    found.status === 'ok' ? found.value.entries : found.status === 'missing' ? [] : await editDeadlines(records, (e) => e);
  return entries.filter((e) => e.at <= now);
}

/**
 * The key for anonymous voters' hashes: POLL_SECRET when configured, otherwise a random key made
 * once and kept in the store (weaker: whoever can read the store can recompute the hashes). One per
 * bot, so two bots in one process on different stores never share a cached key.
 */
export class PollSecret {
  private cached: Promise<string> | undefined;

  constructor(
    private readonly records: Records,
    private readonly configured: string | undefined,
  ) {}

  get(): Promise<string> {
    if (this.configured) return Promise.resolve(this.configured);
    this.cached ??= this.records
      .update(SECRET, undefined, (current) => {
        if (current.status === 'ok') return { result: current.value };
        const made = randomBytes(32).toString('hex');
        return { result: made, write: made };
      })
      .catch((err: unknown) => {
        this.cached = undefined;
        throw err;
      });
    return this.cached;
  }
}

/** An anonymous voter's key: an HMAC of who they are, so a vote can move but the id is not stored. */
export function anonymousVoterKey(secret: string, platform: string, workspaceId: string, userId: string): string {
  return `h:${createHmac('sha256', secret).update(`${platform}\u0000${workspaceId}\u0000${userId}`).digest('base64url').slice(0, 32)}`;
}
