import type { Records } from '../../state/records.js';
import { RESULT } from '../checklist/records.js';
import type { Services } from '../context.js';
import { recordPoll } from '../decisions/keep.js';
import { closePoll, outcomeLabel, tally, type Poll } from './poll.js';
import { POLL, removeDeadline } from './records.js';

export type CloseResult =
  | { status: 'closed'; poll: Poll }
  | { status: 'already-closed'; poll: Poll }
  | { status: 'forbidden'; poll: Poll }
  | { status: 'missing' }
  | { status: 'corrupt'; problem: string; backupKey: string };

/** Who asks to close: undefined for the deadline sweep, which may always close. */
interface Closer {
  id: string;
  isAdmin(): Promise<boolean>;
}

/**
 * Closes a stored poll under its lock, so it closes exactly once however many processes or
 * presses race; only the caller that gets `closed` announces it. Then, in the documented lock order
 * (src/core/polls/records.ts), the deadline entry goes and a poll started from a checklist result
 * writes its outcome into that result.
 */
export async function closeStoredPoll(deps: Services, convKey: string, id: string, by?: Closer): Promise<CloseResult> {
  const { records, clock } = deps;
  // Asked before the lock: an admin lookup may be a platform call, too slow to make under a lock.
  const admin = by ? await by.isAdmin() : true;
  const result = await records.update(POLL, { convKey, id }, (found) => {
    const say = (r: CloseResult) => ({ result: r });
    if (found.status === 'missing') return say({ status: 'missing' });
    if (found.status === 'corrupt') return say({ status: 'corrupt', problem: found.problem, backupKey: found.backupKey });
    const poll = found.value;
    if (by && by.id !== poll.createdBy.id && !admin) return say({ status: 'forbidden', poll });
    const closed = closePoll(poll, clock.now());
    if (!closed.ok) return say({ status: 'already-closed', poll });
    return { result: { status: 'closed', poll: closed.value } as CloseResult, write: closed.value };
  });
  if (result.status === 'closed') {
    if (result.poll.deadline !== undefined) await removeDeadline(records, convKey, id);
    await recordOnChecklist(records, convKey, result.poll);
    await recordPoll(deps, convKey, result.poll);
  }
  return result;
}

/** Adds a closed poll's outcome to the checklist result it was started from, if that still exists. */
async function recordOnChecklist(records: Records, convKey: string, poll: Poll): Promise<void> {
  if (!poll.fromResult) return;
  await records.update(RESULT, { convKey, id: poll.fromResult }, (found) => {
    if (found.status !== 'ok') return { result: undefined };
    const t = tally(poll);
    const counts = Object.fromEntries(poll.options.map((o, i) => [o, t.counts[i] ?? 0]));
    const entry = { question: poll.question, winner: outcomeLabel(poll), tally: counts, closedAt: poll.closedAt ?? 0 };
    return { result: undefined, write: { ...found.value, poll: entry } };
  });
}
