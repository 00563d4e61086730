import { decisionsMore, decisionsRecord } from '../actions.js';
import type { Button, Reply } from '../messages.js';
import { timeToken } from '../messages.js';
import { tally } from '../polls/poll.js';
import { cmd, people, userText } from '../text.js';
import type { OpenPoll, RunningChecklist } from './gather.js';
import { placeLabel } from './keep.js';
import type { Decision } from './record.js';

/**
 * The decision log's buttons, in one place: action names and value formats.
 * `record`: a decision id. `more`: the offset of the next page (digits). `howto`: no value.
 */
export const PAGE_SIZE = 10;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const where = (d: Decision) => [userText(placeLabel(d.place, d.placeName), 80), d.link].filter(Boolean).join(' ');

export function decisionLine(d: Decision): string {
  return `**${userText(d.subject, 100)}**: ${userText(d.outcome, 60)} · \`${d.id}\` · ${day(d.decidedAt)} · ${people(d.participants)} · ${where(d)}`;
}

export const recordButton = (d: Decision): Button => decisionsRecord.button(`Decision record ${d.id}`, d.id);

/** One page of the log: ten entries, each with its record button, and More when there are others. */
export function decisionsPage(all: readonly Decision[], offset: number, prefix: string): Reply {
  if (all.length === 0) {
    return { sections: [`No decisions you can see yet. A finished checklist or a closed poll adds one; try ${cmd(prefix, 'checklist')} or ${cmd(prefix, 'poll')}.`], ephemeral: true };
  }
  const page = all.slice(offset, offset + PAGE_SIZE);
  const buttons: Button[] = page.map(recordButton);
  const next = offset + PAGE_SIZE;
  if (next < all.length) buttons.push(decisionsMore.button('More', next));
  return {
    title: 'Decisions',
    sections: page.map((d) => `• ${decisionLine(d)}`),
    context: `${offset + 1}–${offset + page.length} of ${all.length}, newest first · ${cmd(prefix, 'decisions forget ID')} removes one (its starter or an admin)`,
    buttons,
    ephemeral: true,
  };
}

/** An open poll in a line: question, where, deadline in the reader's time zone, and counts (only the total when hidden). */
export function openPollLine({ item, poll }: OpenPoll): string {
  const t = tally(poll);
  const counts = poll.hidden
    ? `${people(t.total)} voted (counts hidden until it closes)`
    : `${poll.options.map((o, i) => `${userText(o, 50)} ${t.counts[i] ?? 0}`).join(', ')} · ${t.total} in total`;
  const deadline = poll.deadline === undefined ? 'no deadline' : `closes ${timeToken(poll.deadline)}`;
  return `**${userText(poll.question, 200)}** · ${userText(placeLabel(item.place, item.placeName), 80)} · ${deadline}\n${counts}`;
}

export function runningLine({ item, session }: RunningChecklist, questions: number): string {
  const subject = item.subject ? `**${userText(item.subject, 100)}**` : '**A checklist**';
  return `${subject} · ${userText(placeLabel(item.place, item.placeName), 80)} · question ${Math.min(session.step + 1, questions)} of ${questions}`;
}

export function openPollsReply(polls: readonly OpenPoll[]): Reply {
  if (polls.length === 0) return { sections: ['No open polls you can see.'], ephemeral: true };
  return { title: 'Open polls', sections: polls.slice(0, 20).map((p) => `• ${openPollLine(p)}`), ephemeral: true };
}
