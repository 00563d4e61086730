import type { Logger } from 'pino';
import type { Services } from '../context.js';
import { readOpenItems, REMINDER_LIST, removeOpenItems, type OpenItem } from '../decisions/open-items.js';
import { timeToken, type Reply } from '../messages.js';
import { people, userText } from '../text.js';
import { tally, type Poll } from './poll.js';
import { POLL } from './records.js';

/** The one reminder: how many have voted and when the poll closes, with no pings. */
function reminderReply(poll: Poll): Reply {
  const voted = tally(poll).total;
  const closes = poll.deadline === undefined ? '' : ` It closes ${timeToken(poll.deadline)}.`;
  return {
    sections: [`Reminder: the poll "${userText(poll.question)}" is still open. ${people(voted)} ${voted === 1 ? 'has' : 'have'} voted so far.${closes}`],
    ...(poll.message ? { inReplyTo: poll.message.messageId } : {}),
  };
}

/**
 * Sends each due reminder once. The check, the post and the mark (`remindedAt`) happen in one
 * update of the poll under its lock, the one closing takes, so two processes or a restart never
 * send it twice and a poll closed first gets none. Returns how many this call sent.
 */
export async function sendDueReminders(deps: Services, log: Logger, stopped: () => boolean): Promise<number> {
  const now = deps.clock.now();
  const due = (await readOpenItems(deps.records, REMINDER_LIST)).filter((i) => i.remindAt !== undefined && i.remindAt <= now);
  const done: OpenItem[] = [];
  let sent = 0;
  for (const item of due) {
    if (stopped()) break;
    try {
      const outcome = await remindOne(deps, item);
      if (outcome !== 'later') done.push(item);
      if (outcome === 'sent') sent++;
    } catch (err) {
      log.warn({ err, poll: item.id }, 'could not send a poll reminder; will retry');
    }
  }
  await removeOpenItems(deps.records, REMINDER_LIST, done);
  return sent;
}

async function remindOne(deps: Services, item: OpenItem): Promise<'sent' | 'skipped' | 'later'> {
  const outbox = deps.outboxes.get(item.place.platform);
  if (!outbox) return 'later';
  return deps.records.update(POLL, { convKey: item.key, id: item.id }, async (found) => {
    if (found.status !== 'ok' || found.value.status === 'closed' || found.value.remindedAt !== undefined) return { result: 'skipped' as const };
    // Posted before the mark is written: a failed post throws, writes nothing, and is retried next sweep.
    await outbox.post(found.value.conversation, reminderReply(found.value));
    return { result: 'sent' as const, write: { ...found.value, remindedAt: deps.clock.now() } };
  });
}
