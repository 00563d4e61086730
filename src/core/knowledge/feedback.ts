import { z } from 'zod';
import { readRecord } from '../../state/records.js';
import type { Store } from '../../state/store.js';

/** Counts per entry, kept until deleted. */
const COUNTS = 'feedback';
/** One record per person and entry, so a second press changes a vote instead of adding one. */
const VOTES = 'feedback-votes';
/** A person's vote on an entry is remembered this long (ms); after that they may rate it again. */
export const VOTE_TTL_MS = 90 * 24 * 60 * 60 * 1000;

export type Vote = 'up' | 'down';

const countsSchema = z.object({ v: z.literal(1), helpful: z.number().int().min(0), notHelpful: z.number().int().min(0) });
export type FeedbackCounts = Pick<z.infer<typeof countsSchema>, 'helpful' | 'notHelpful'>;

const voteSchema = z.object({ v: z.literal(1), vote: z.enum(['up', 'down']) });

const ZERO: FeedbackCounts = { helpful: 0, notHelpful: 0 };

export type FeedbackOutcome = 'recorded' | 'changed' | 'unchanged';

/**
 * Records one person's Helpful / Not helpful on an entry. Read-modify-write under the store's lock on
 * the entry, since Keyv has no compare-and-set. A damaged counts record starts again from zero.
 */
export async function recordFeedback(store: Store, topicId: string, voter: string, vote: Vote): Promise<FeedbackOutcome> {
  return store.withLock(`feedback:${topicId}`, async () => {
    const voteKey = `${topicId}:${voter}`;
    const previous = await readRecord(store, VOTES, voteKey, voteSchema);
    const before = previous.status === 'ok' ? previous.value.vote : undefined;
    if (before === vote) return 'unchanged';
    const counts = { ...(await readCounts(store, topicId)) };
    if (before === 'up') counts.helpful = Math.max(0, counts.helpful - 1);
    if (before === 'down') counts.notHelpful = Math.max(0, counts.notHelpful - 1);
    if (vote === 'up') counts.helpful += 1;
    else counts.notHelpful += 1;
    await store.set(COUNTS, topicId, { v: 1, ...counts });
    await store.set(VOTES, voteKey, { v: 1, vote }, VOTE_TTL_MS);
    return before ? 'changed' : 'recorded';
  });
}

export async function readCounts(store: Store, topicId: string): Promise<FeedbackCounts> {
  const found = await readRecord(store, COUNTS, topicId, countsSchema);
  return found.status === 'ok' ? { helpful: found.value.helpful, notHelpful: found.value.notHelpful } : ZERO;
}
