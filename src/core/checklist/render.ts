import { checklistAnswer, checklistNext, checklistRecord, pollFromChecklist } from '../actions.js';
import type { Button, Reply } from '../messages.js';
import { people } from '../text.js';
import type { Checklist, Question } from './definition.js';
import type { Recommendation, Score } from './score.js';
import { answeredBy, type Session } from './session.js';

export const RECOMMENDATION_LABEL: Record<Recommendation, string> = {
  rust: 'Rust',
  go: 'Go',
  hybrid: 'Both, as a hybrid',
};

/** The current question as a message: one button per option, plus Next for teams. */
export function questionReply(checklist: Checklist, session: Session, replaceOriginal = false): Reply {
  const question = checklist.questions[session.step] as Question;
  const total = checklist.questions.length;
  const last = session.step === total - 1;
  const step = { sessionId: session.id, step: session.step };
  const buttons: Button[] = question.options.map((o) => checklistAnswer.button(o.label, { ...step, optionId: o.id }));
  const sections = [`**${question.prompt}**`];
  let context: string | undefined;
  if (session.mode === 'team') {
    const names = answeredBy(session, question.id);
    sections.push(names.length === 0 ? '_No answers yet._' : `_Answered so far: ${people(names.length)} (${names.join(', ')})_`);
    buttons.push(checklistNext.button(last ? 'Show result' : question.optional ? 'Next (or skip)' : 'Next', step, 'primary'));
    context = 'Everyone here can answer and change their answer; anyone can press Next.';
  }
  return { title: `${checklist.title} (${session.step + 1} of ${total})`, sections, buttons, context, replaceOriginal, live: true };
}

/** The outcome: recommendation, score per question, reasons with sources, and disagreements. */
export function resultReply(
  checklist: Checklist,
  score: Score,
  resultId: string,
  participants: number,
  replaceOriginal: boolean,
  /** "Tell me more" buttons for the knowledge topics behind the reasons. */
  more: readonly Button[] = [],
): Reply {
  const prompt = (id: string) => checklist.questions.find((q) => q.id === id)?.prompt ?? id;
  const lines = score.perQuestion.map((q) => {
    const chosen = q.votes.filter((v) => v.count > 0).map((v) => `${v.option.label} ×${v.count}`);
    const answer = chosen.length ? chosen.join(', ') : 'skipped';
    return `• ${prompt(q.questionId)}: ${answer} → Rust +${q.rust}, Go +${q.go}`;
  });
  const reasons = score.reasons.map((r) => `• ${r.option.reason} _(${r.option.source})_`);
  const sections = [
    `**Rust ${score.rust} · Go ${score.go}**, from ${people(participants)}.${score.recommendation === 'hybrid' ? ' An exact tie: run each where it is strongest.' : ''}`,
    `**How each question scored**\n${lines.join('\n')}`,
    `**Why**\n${reasons.join('\n')}`,
  ];
  if (score.disagreements.length > 0) {
    const split = score.disagreements.map(
      (q) => `• ${prompt(q.questionId)}: ${q.votes.filter((v) => v.count > 0).map((v) => `${v.option.label} (${v.count})`).join(', ')}`,
    );
    sections.push(`**Where the team disagreed**\n${split.join('\n')}`);
  }
  return {
    title: `Recommendation: ${RECOMMENDATION_LABEL[score.recommendation]}`,
    sections,
    context: `Every answer adds its weights; the higher total wins and a tie means both. Checklist from ${checklist.source}.`,
    buttons: [
      checklistRecord.button('Decision record (ADR)', resultId),
      pollFromChecklist.button('Start a team poll', resultId),
      ...more,
    ],
    replaceOriginal,
  };
}
