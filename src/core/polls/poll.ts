import { z } from 'zod';
import { idSchema } from '../actions.js';
import { fail, ok, type Result } from '../result.js';
import type { PollSpec } from './parse.js';

const conversationSchema = z.object({
  platform: z.enum(['slack', 'discord', 'console']),
  workspaceId: z.string(),
  channelId: z.string(),
  threadId: z.string().optional(),
  isDirect: z.boolean(),
});

/** One person's vote. `n` (display name) is kept only for polls that show who voted. */
const voteSchema = z.object({ o: z.number().int().min(0), n: z.string().optional() });

/**
 * A poll as stored, schema version 1. `votes` is keyed by voter: the platform user id, or for
 * anonymous polls a keyed HMAC of it, so the store never holds an anonymous voter's id in the clear.
 * `version` grows with every change so the live updater can tell a stale render from a fresh one.
 */
export const pollSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  conversation: conversationSchema,
  question: z.string(),
  options: z.array(z.string()).min(2).max(10),
  anonymous: z.boolean(),
  hidden: z.boolean(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.number(),
  deadline: z.number().optional(),
  status: z.enum(['open', 'closed']),
  closedAt: z.number().optional(),
  votes: z.record(z.string(), voteSchema),
  version: z.number().int().min(0),
  message: z.object({ messageId: z.string() }).optional(),
  /** The checklist result this poll was started from; its decision record gets the poll's outcome. */
  fromResult: z.string().optional(),
  /** When its one `remind` reminder went out: set in the same locked update that sends it, so it goes once. */
  remindedAt: z.number().optional(),
});

export type Poll = z.infer<typeof pollSchema>;
type PollConversation = z.infer<typeof conversationSchema>;

interface NewPoll {
  id: string;
  conversation: PollConversation;
  creator: { id: string; name: string };
  now: number;
  fromResult?: string | undefined;
}

export function createPoll(spec: PollSpec, p: NewPoll): Poll {
  return {
    v: 1,
    id: p.id,
    conversation: p.conversation,
    question: spec.question,
    options: [...spec.options],
    anonymous: spec.anonymous,
    hidden: spec.hidden,
    createdBy: p.creator,
    createdAt: p.now,
    ...(spec.durationMs !== undefined ? { deadline: p.now + spec.durationMs } : {}),
    status: 'open',
    votes: {},
    version: 0,
    ...(p.fromResult ? { fromResult: p.fromResult } : {}),
  };
}

export type VoteOutcome = 'voted' | 'moved' | 'withdrawn';
type VoteRefusal = 'closed' | 'unknown-option';

/**
 * One person's press on an option: a first vote counts, another option moves the vote, and the
 * same option again withdraws it. `voter` is the key the vote is stored under (see pollSchema).
 * The poll handed in is changed in place and returned: a batch of voters applies each vote to the one
 * copy read from the store, and copying every vote for every voter would make a burst quadratic.
 */
export function castVote(
  poll: Poll,
  voter: string,
  option: number,
  name?: string,
): Result<{ poll: Poll; outcome: VoteOutcome }, VoteRefusal> {
  if (poll.status === 'closed') return fail('closed');
  if (!Number.isInteger(option) || option < 0 || option >= poll.options.length) return fail('unknown-option');
  const { votes } = poll;
  const before = votes[voter];
  let outcome: VoteOutcome;
  // Deleted first either way, so a moved vote goes to the end: names are listed in voting order.
  delete votes[voter];
  if (before?.o === option) {
    outcome = 'withdrawn';
  } else {
    votes[voter] = poll.anonymous || name === undefined ? { o: option } : { o: option, n: name };
    outcome = before ? 'moved' : 'voted';
  }
  poll.version += 1;
  return ok({ poll, outcome });
}

export function closePoll(poll: Poll, now: number): Result<Poll, 'closed'> {
  if (poll.status === 'closed') return fail('closed');
  return ok({ ...poll, status: 'closed', closedAt: now, version: poll.version + 1 });
}

export interface Tally {
  /** Votes per option, in option order. */
  readonly counts: readonly number[];
  readonly total: number;
  /** Voter names per option, in the order they voted (empty for anonymous polls). */
  readonly names: readonly (readonly string[])[];
}

export function tally(poll: Poll): Tally {
  const counts = poll.options.map(() => 0);
  const names: string[][] = poll.options.map(() => []);
  let total = 0;
  for (const vote of Object.values(poll.votes)) {
    if (vote.o >= counts.length) continue;
    counts[vote.o] = (counts[vote.o] ?? 0) + 1;
    if (vote.n !== undefined) names[vote.o]?.push(vote.n);
    total++;
  }
  return { counts, total, names };
}

type Outcome = { kind: 'none' } | { kind: 'winner'; option: number } | { kind: 'tie'; options: readonly number[] };

/** The option with the most votes, a tie between several, or none when nobody voted. */
export function outcome(t: Tally): Outcome {
  const best = Math.max(0, ...t.counts);
  if (best === 0) return { kind: 'none' };
  const top = t.counts.flatMap((c, i) => (c === best ? [i] : []));
  return top.length === 1 ? { kind: 'winner', option: top[0] as number } : { kind: 'tie', options: top };
}

/** The outcome in words, for announcements and the decision record: "Go", "Tie: Rust, Go", "No votes". */
export function outcomeLabel(poll: Poll, o: Outcome = outcome(tally(poll))): string {
  if (o.kind === 'none') return 'No votes';
  if (o.kind === 'winner') return poll.options[o.option] ?? '?';
  return `Tie: ${o.options.map((i) => poll.options[i] ?? '?').join(', ')}`;
}
