import type { Logger } from 'pino';
import type { CoreDeps, OutboxRegistry } from '../context.js';
import { readOpenItems, REMINDER_LIST, removeOpenItems, type OpenItem } from '../decisions/open-items.js';
import { timeToken, type Reply } from '../messages.js';
import { people, userText } from '../text.js';
import { tally, type Poll } from './poll.js';
import { lockOf, readPoll } from './records.js';

/** Marks a poll whose reminder went out; kept as long as a poll can live. */
const SENT = 'poll-reminded';
const SENT_TTL_MS = 181 * 24 * 60 * 60 * 1000;

/** The one reminder: how many have voted and when the poll closes, with no pings. */
export function reminderReply(poll: Poll): Reply {
  const voted = tally(poll).total;
  const closes = poll.deadline === undefined ? '' : ` It closes ${timeToken(poll.deadline)}.`;
  return {
    sections: [`Reminder: the poll "${userText(poll.question)}" is still open. ${people(voted)} ${voted === 1 ? 'has' : 'have'} voted so far.${closes}`],
    ...(poll.message ? { inReplyTo: poll.message.messageId } : {}),
  };
}

/**
 * Sends each due reminder once. The check, the post and the mark happen under the poll's own lock,
 * the one closing takes, so two processes or a restart never send it twice and a poll closed
 * first gets none. Returns how many this call sent.
 */
export async function sendDueReminders(deps: CoreDeps, outboxes: OutboxRegistry | undefined, log: Logger, stopped: () => boolean): Promise<number> {
  const now = deps.clock.now();
  const due = (await readOpenItems(deps.store, REMINDER_LIST)).filter((i) => i.remindAt !== undefined && i.remindAt <= now);
  const done: OpenItem[] = [];
  let sent = 0;
  for (const item of due) {
    if (stopped()) break;
    try {
      const outcome = await remindOne(deps, outboxes, item);
      if (outcome !== 'later') done.push(item);
      if (outcome === 'sent') sent++;
    } catch (err) {
      log.warn({ err, poll: item.id }, 'could not send a poll reminder; will retry');
    }
  }
  await removeOpenItems(deps.store, REMINDER_LIST, done, now);
  return sent;
}

async function remindOne(deps: CoreDeps, outboxes: OutboxRegistry | undefined, item: OpenItem): Promise<'sent' | 'skipped' | 'later'> {
  const outbox = outboxes?.get(item.place.platform);
  if (!outbox) return 'later';
  return deps.store.withLock(lockOf(item.key, item.id), async () => {
    const found = await readPoll(deps.store, item.key, item.id);
    if (found.status !== 'ok' || found.value.status === 'closed') return 'skipped';
    if ((await deps.store.get(SENT, `${item.key}:${item.id}`)) !== undefined) return 'skipped';
    await outbox.post(found.value.conversation, reminderReply(found.value));
    await deps.store.set(SENT, `${item.key}:${item.id}`, deps.clock.now(), SENT_TTL_MS);
    return 'sent';
  });
}
