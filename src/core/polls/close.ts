import { readRecord } from '../../state/records.js';
import type { Store } from '../../state/store.js';
import { RESULT_TTL_MS, resultSchema } from '../checklist/record.js';
import type { CoreDeps } from '../context.js';
import { RESULTS } from '../features/checklist.js';
import { closePoll, outcomeLabel, tally, type Poll } from './poll.js';
import { lockOf, readPoll, removeDeadline, savePoll } from './records.js';

export type CloseResult =
  | { status: 'closed'; poll: Poll }
  | { status: 'already-closed'; poll: Poll }
  | { status: 'forbidden'; poll: Poll }
  | { status: 'missing' }
  | { status: 'corrupt'; problem: string };

/** Who asks to close: undefined for the deadline sweep, which may always close. */
export interface Closer {
  id: string;
  isAdmin: boolean;
}

/**
 * Closes a stored poll under its lock, so it closes exactly once however many processes or
 * presses race; only the caller that gets `closed` announces it. Then the deadline entry goes
 * and a poll started from a checklist result writes its outcome into that result.
 */
export async function closeStoredPoll(deps: CoreDeps, convKey: string, id: string, by?: Closer): Promise<CloseResult> {
  const { store, clock } = deps;
  const result = await store.withLock(lockOf(convKey, id), async (lease): Promise<CloseResult> => {
    const found = await readPoll(store, convKey, id);
    if (found.status === 'missing') return { status: 'missing' };
    if (found.status === 'corrupt') return { status: 'corrupt', problem: found.problem };
    const poll = found.value;
    if (poll.status === 'closed') return { status: 'already-closed', poll };
    if (by && by.id !== poll.createdBy.id && !by.isAdmin) return { status: 'forbidden', poll };
    const closed = closePoll(poll, clock.now());
    if (!closed.ok) return { status: 'already-closed', poll };
    await savePoll(lease, convKey, closed.value);
    return { status: 'closed', poll: closed.value };
  });
  if (result.status === 'closed') {
    if (result.poll.deadline !== undefined) await removeDeadline(store, convKey, id, clock.now());
    await recordOnChecklist(store, convKey, result.poll);
  }
  return result;
}

/** Adds a closed poll's outcome to the checklist result it was started from, if that still exists. */
async function recordOnChecklist(store: Store, convKey: string, poll: Poll): Promise<void> {
  if (!poll.fromResult) return;
  const key = `${convKey}:${poll.fromResult}`;
  await store.withLock(`result:${key}`, async () => {
    const found = await readRecord(store, RESULTS, key, resultSchema);
    if (found.status !== 'ok') return;
    const t = tally(poll);
    const counts = Object.fromEntries(poll.options.map((o, i) => [o, t.counts[i] ?? 0]));
    const entry = { question: poll.question, winner: outcomeLabel(poll), tally: counts, closedAt: poll.closedAt ?? 0 };
    await store.set(RESULTS, key, { ...found.value, poll: entry }, RESULT_TTL_MS);
  });
}
