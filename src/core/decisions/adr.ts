import type { FileAttachment } from '../messages.js';
import { outcome, tally, type Poll } from '../polls/poll.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** "No decision" for a tie or no votes, else the winning option. */
export function pollDecision(poll: Poll): string {
  const o = outcome(tally(poll));
  return o.kind === 'winner' ? (poll.options[o.option] ?? 'No decision') : 'No decision';
}

/** Whose names the record may carry: never anonymous voters, nor hidden polls' (their votes were meant to stay unseen). */
const namesAllowed = (poll: Poll) => !poll.anonymous && !poll.hidden;

/**
 * A standalone poll's decision record in Markdown: question, options with their counts, the
 * outcome, who could vote and, only for open-ballot polls, who voted for what.
 */
export function pollAdr(poll: Poll, where: string, decisionId: string): FileAttachment {
  const t = tally(poll);
  const o = outcome(t);
  const closed = poll.closedAt ?? poll.createdAt;
  const rows = poll.options.map((option, i) => {
    const who = namesAllowed(poll) ? ` | ${cell((t.names[i] ?? []).join(', ') || '-')}` : '';
    return `| ${cell(option)} | ${t.counts[i] ?? 0}${who} |`;
  });
  const header = namesAllowed(poll) ? ['| Option | Votes | Voters |', '| --- | --- | --- |'] : ['| Option | Votes |', '| --- | --- |'];
  const result =
    o.kind === 'winner'
      ? `**${cell(poll.options[o.option] ?? '?')}**, with ${t.counts[o.option]} of ${t.total} votes.`
      : o.kind === 'tie'
        ? `No decision: a tie between ${o.options.map((i) => cell(poll.options[i] ?? '?')).join(' and ')}.`
        : 'No decision: nobody voted.';
  const ballot = poll.anonymous ? 'anonymous (no voter is recorded)' : poll.hidden ? 'hidden until it closed (voters are not listed)' : 'open';
  const lines = [
    `# ADR ${decisionId}: ${cell(poll.question)}`,
    '',
    `- Date: ${day(closed)}`,
    '- Status: Decided by team poll',
    `- Votes cast: ${t.total}`,
    '',
    '## Context',
    '',
    `The team was asked in ${cell(where)}: "${cell(poll.question)}"`,
    `Anyone who could read that conversation could vote, once each, from ${day(poll.createdAt)} until ${day(closed)}. The ballot was ${ballot}.`,
    '',
    '## Options and votes',
    '',
    ...header,
    ...rows,
    '',
    '## Decision',
    '',
    result,
    '',
  ];
  return { name: `adr-${decisionId}-poll-${day(closed)}.md`, mimeType: 'text/markdown', content: lines.join('\n') };
}

/** A checklist's decision record with its id and subject in the title (the file keeps its usual name). */
export function titled(adr: FileAttachment, subject: string, decisionId: string): FileAttachment {
  return { ...adr, content: adr.content.replace(/^# ADR: [^\n]*/, `# ADR ${decisionId}: Rust or Go for ${cell(subject)}`) };
}
