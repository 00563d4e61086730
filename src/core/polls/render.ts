import type { Button, FileAttachment, Reply } from '../messages.js';
import { people, userText } from '../text.js';
import { MAX_LABEL, MAX_QUESTION } from './parse.js';
import { outcome, tally, voteValue, type Poll, type Tally, type VoteOutcome } from './poll.js';

/**
 * Names listed under an option before "and N more", so 500 voters still fit one message: each
 * option is its own section of at most about 450 characters (Slack allows 3,000 a section,
 * Discord 6,000 an embed).
 */
const NAMES_SHOWN = 10;

/** `█████░░░░░ 50%` */
export function bar(count: number, total: number, width = 10): string {
  const share = total === 0 ? 0 : count / total;
  const filled = Math.round(share * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.round(share * 100)}%`;
}

const label = (poll: Poll, i: number) => userText(poll.options[i] ?? '?', MAX_LABEL);
const question = (poll: Poll) => userText(poll.question, MAX_QUESTION);

function names(list: readonly string[]): string {
  const shown = list.slice(0, NAMES_SHOWN).map((n) => userText(n, 32));
  const more = list.length - shown.length;
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

/** One section per option, then the total. */
function optionSections(poll: Poll, t: Tally): string[] {
  const lines = poll.options.map((_, i) => {
    const count = t.counts[i] ?? 0;
    const who = !poll.anonymous && count > 0 ? `\n_${names(t.names[i] ?? [])}_` : '';
    return `**${label(poll, i)}**: ${count}\n\`${bar(count, t.total)}\`${who}`;
  });
  return [...lines, `**Total: ${t.total}**`];
}

function deadlineText(poll: Poll): string | undefined {
  if (poll.deadline === undefined) return undefined;
  return `closes ${new Date(poll.deadline).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function flags(poll: Poll): string {
  return [poll.anonymous ? 'anonymous' : 'votes are public', poll.hidden ? 'results hidden until it closes' : undefined]
    .filter(Boolean)
    .join(' · ');
}

/** The live poll message: question, counts and bars (or only the voter count when hidden), buttons. */
export function pollReply(poll: Poll, replaceOriginal = false): Reply {
  if (poll.status === 'closed') return closedReply(poll, replaceOriginal);
  const t = tally(poll);
  const body = poll.hidden
    ? [`_${people(t.total)} voted so far. The counts stay hidden until the poll closes._`]
    : optionSections(poll, t);
  const buttons: Button[] = poll.options.map((_, i) => ({ label: label(poll, i), action: 'poll.vote', value: voteValue(poll.id, i) }));
  buttons.push({ label: 'Close poll', action: 'poll.close', value: poll.id, style: 'danger' });
  return {
    title: 'Team poll',
    sections: [`**${question(poll)}**`, ...body],
    context: [flags(poll), deadlineText(poll), 'press an option to vote, again to withdraw'].filter(Boolean).join(' · '),
    buttons,
    replaceOriginal,
    live: true,
  };
}

function resultLine(poll: Poll, t: Tally): string {
  const o = outcome(t);
  if (o.kind === 'none') return 'Nobody voted.';
  if (o.kind === 'winner') return `Winner: **${label(poll, o.option)}** with ${t.counts[o.option]} of ${t.total} votes.`;
  return `A tie between ${o.options.map((i) => `**${label(poll, i)}**`).join(' and ')}, ${t.counts[o.options[0] as number]} votes each.`;
}

/** The final result: winner or tie, every count, no vote buttons. */
export function closedReply(poll: Poll, replaceOriginal = false): Reply {
  const t = tally(poll);
  return {
    title: 'Team poll (closed)',
    sections: [`**${question(poll)}**`, resultLine(poll, t), ...optionSections(poll, t)],
    context: flags(poll),
    replaceOriginal,
  };
}

/** The short message posted once when a poll closes. */
export function announcementReply(poll: Poll): Reply {
  const t = tally(poll);
  return { sections: [`The poll "${question(poll)}" is closed. ${resultLine(poll, t)}`] };
}

/** The voter's private confirmation. */
export function confirmation(poll: Poll, option: number, result: VoteOutcome): string {
  if (result === 'withdrawn') return 'Vote withdrawn.';
  return result === 'moved' ? `Your vote moved to ${label(poll, option)}.` : `You voted ${label(poll, option)}.`;
}

/** A CSV cell: quoted, and neutralised when a spreadsheet would read it as a formula. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** The poll as CSV: option, votes, and voters unless anonymous. */
export function pollCsv(poll: Poll): FileAttachment {
  const t = tally(poll);
  const header = poll.anonymous ? ['option', 'votes'] : ['option', 'votes', 'voters'];
  const rows = poll.options.map((o, i) => {
    const row: Array<string | number> = [o, t.counts[i] ?? 0];
    if (!poll.anonymous) row.push((t.names[i] ?? []).join('; '));
    return row.map(csvCell).join(',');
  });
  return {
    name: `poll-${poll.id}.csv`,
    mimeType: 'text/csv',
    content: [header.map(csvCell).join(','), ...rows].join('\r\n') + '\r\n',
  };
}
