import { z } from 'zod';
import { idSchema } from '../actions.js';
import type { FileAttachment } from '../messages.js';
import type { Checklist } from './definition.js';
import { RECOMMENDATION_LABEL } from './render.js';
import type { Score } from './score.js';

/** A finished checklist, kept so its decision record can be produced later. Schema version 1. */
export const resultSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  finishedAt: z.number(),
  participants: z.number().int().min(0),
  /** question id → every member's chosen option id. */
  answers: z.record(z.string(), z.array(z.string())),
  /** A team poll's final result, added from the poll (see the polls feature). */
  poll: z
    .object({ question: z.string(), winner: z.string(), tally: z.record(z.string(), z.number()), closedAt: z.number() })
    .optional(),
});

export type ChecklistResult = z.infer<typeof resultSchema>;

/** Finished results are kept for half a year. */
export const RESULT_TTL_MS = 180 * 24 * 60 * 60 * 1000;

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** An architecture decision record in Markdown, as a file the team can keep in its repository. */
export function decisionRecord(checklist: Checklist, result: ChecklistResult, score: Score): FileAttachment {
  const date = new Date(result.finishedAt).toISOString().slice(0, 10);
  const prompt = (id: string) => checklist.questions.find((q) => q.id === id)?.prompt ?? id;
  const rows = score.perQuestion.map((q) => {
    const chosen = q.votes.filter((v) => v.count > 0).map((v) => `${v.option.label} (${v.count})`);
    return `| ${cell(prompt(q.questionId))} | ${cell(chosen.join(', ') || 'skipped')} | ${q.rust} | ${q.go} |`;
  });
  const reasons = score.reasons.map((r) => `- ${r.option.reason} (${r.option.source})`);
  const disagreements = score.disagreements.map(
    (q) => `- ${prompt(q.questionId)}: ${q.votes.filter((v) => v.count > 0).map((v) => `${v.option.label} (${v.count})`).join(', ')}`,
  );
  const poll = result.poll
    ? [
        '',
        '## Team poll',
        '',
        `Question: ${result.poll.question}`,
        '',
        ...Object.entries(result.poll.tally).map(([option, votes]) => `- ${option}: ${votes}`),
        '',
        `Result: ${result.poll.winner} (closed ${new Date(result.poll.closedAt).toISOString().slice(0, 10)})`,
      ]
    : [];
  const lines = [
    '# ADR: Rust or Go for this service',
    '',
    `- Date: ${date}`,
    '- Status: Proposed',
    `- Participants: ${result.participants}`,
    '',
    '## Context',
    '',
    'The team worked through the RustGo decision checklist to choose a language for a back-end service.',
    `The checklist follows ${checklist.source}, plus the workload, tolerance for GC pauses and deployment targets.`,
    '',
    '## Options considered',
    '',
    '- Rust',
    '- Go',
    '- Both, as a hybrid: each component in the language that suits its workload',
    '',
    '## Answers',
    '',
    '| Question | Answers | Rust | Go |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    '## Decision',
    '',
    `Recommendation: **${RECOMMENDATION_LABEL[score.recommendation]}** (Rust ${score.rust}, Go ${score.go}; an exact tie recommends both).`,
    '',
    '## Reasons',
    '',
    ...reasons,
    ...(disagreements.length ? ['', '## Where the team disagreed', '', ...disagreements] : []),
    ...poll,
    '',
  ];
  return { name: `adr-rust-or-go-${date}.md`, mimeType: 'text/markdown', content: lines.join('\n') };
}
