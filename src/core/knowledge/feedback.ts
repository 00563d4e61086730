import { z } from 'zod';
import { defineRecord, type Records } from '../../state/records.js';

/** A person's vote on an entry is remembered this long (ms); after that they may rate it again. */
const VOTE_TTL_MS = 90 * 24 * 60 * 60 * 1000;

export type Vote = 'up' | 'down';

const countsSchema = z.object({ v: z.literal(1), helpful: z.number().int().min(0), notHelpful: z.number().int().min(0) });
export type FeedbackCounts = Pick<z.infer<typeof countsSchema>, 'helpful' | 'notHelpful'>;

/** Counts per entry, kept until deleted. Votes are written under the same lock. */
const COUNTS = defineRecord({
  ns: 'feedback',
  key: (topicId: string) => topicId,
  lock: (topicId: string) => `feedback:${topicId}`,
  schema: countsSchema,
});

/** One record per person and entry, so a second press changes a vote instead of adding one. */
const VOTES = defineRecord({
  ns: 'feedback-votes',
  key: (k: { topicId: string; voter: string }) => `${k.topicId}:${k.voter}`,
  lock: (k: { topicId: string; voter: string }) => `feedback:${k.topicId}`,
  schema: z.object({ v: z.literal(1), vote: z.enum(['up', 'down']) }),
  ttlMs: VOTE_TTL_MS,
});

const ZERO: FeedbackCounts = { helpful: 0, notHelpful: 0 };

type FeedbackOutcome = 'recorded' | 'changed' | 'unchanged';

/**
 * Records one person's Helpful / Not helpful on an entry, under the entry's lock. Damaged counts
 * were backed up and logged when read (src/state/records.ts) and start again from zero.
 */
export async function recordFeedback(records: Records, topicId: string, voter: string, vote: Vote): Promise<FeedbackOutcome> {
  return records.update(COUNTS, topicId, async (current, lease) => {
    const previous = await records.read(VOTES, { topicId, voter });
    const before = previous.status === 'ok' ? previous.value.vote : undefined;
    if (before === vote) return { result: 'unchanged' as FeedbackOutcome };
    const counts = { ...(current.status === 'ok' ? current.value : ZERO) };
    if (before === 'up') counts.helpful = Math.max(0, counts.helpful - 1);
    if (before === 'down') counts.notHelpful = Math.max(0, counts.notHelpful - 1);
    if (vote === 'up') counts.helpful += 1;
    else counts.notHelpful += 1;
    await lease.set(VOTES.ns, VOTES.key({ topicId, voter }), { v: 1, vote }, VOTES.ttlMs);
    const outcome: FeedbackOutcome = before ? 'changed' : 'recorded';
    return { result: outcome, write: { v: 1 as const, helpful: counts.helpful, notHelpful: counts.notHelpful } };
  });
}

export async function readCounts(records: Records, topicId: string): Promise<FeedbackCounts> {
  const found = await records.read(COUNTS, topicId);
  return found.status === 'ok' ? { helpful: found.value.helpful, notHelpful: found.value.notHelpful } : ZERO;
}
