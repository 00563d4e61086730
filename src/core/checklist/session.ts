import { z } from 'zod';
import { idSchema } from '../actions.js';
import { fail, ok, type Result } from '../result.js';
import type { Checklist } from './definition.js';
import type { TeamAnswers } from './score.js';

/** A running checklist, one per conversation (channel, thread or DM). Schema version 1. */
export const sessionSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  /** `team` in channels: everyone answers, anyone presses Next. `solo` in DMs: each answer moves on. */
  mode: z.enum(['team', 'solo']),
  startedBy: z.string().min(1),
  startedAt: z.number(),
  updatedAt: z.number(),
  step: z.number().int().min(0),
  /** What the decision is about (`checklist for billing service`), for the decision log. */
  subject: z.string().optional(),
  /** question id → user id → chosen option and the name shown for that user. */
  answers: z.record(z.string(), z.record(z.string(), z.object({ option: z.string(), name: z.string() }))),
});

export type Session = z.infer<typeof sessionSchema>;

export interface Voter {
  id: string;
  name: string;
}

export function startSession(id: string, mode: Session['mode'], startedBy: string, now: number): Session {
  return { v: 1, id, mode, startedBy, startedAt: now, updatedAt: now, step: 0, answers: {} };
}

export type StepRefusal = 'stale' | 'unknown-option' | 'no-answers';

export interface StepOutcome {
  session: Session;
  /** The last question is done: the session should become a result. */
  finished: boolean;
}

function currentQuestion(checklist: Checklist, session: Session) {
  return checklist.questions[session.step];
}

/** Records (or changes) one member's answer to the current question. Solo sessions then move on. */
export function answer(
  checklist: Checklist,
  session: Session,
  step: number,
  optionId: string,
  voter: Voter,
  now: number,
): Result<StepOutcome, StepRefusal> {
  const question = currentQuestion(checklist, session);
  if (!question || step !== session.step) return fail('stale');
  if (!question.options.some((o) => o.id === optionId)) return fail('unknown-option');
  const forQuestion = { ...(session.answers[question.id] ?? {}), [voter.id]: { option: optionId, name: voter.name } };
  const updated: Session = { ...session, updatedAt: now, answers: { ...session.answers, [question.id]: forQuestion } };
  if (session.mode === 'solo') return advance(checklist, updated, now);
  return ok({ session: updated, finished: false });
}

/** Moves a team session to the next question; refused while a required question has no answer. */
export function next(checklist: Checklist, session: Session, step: number, now: number): Result<StepOutcome, StepRefusal> {
  const question = currentQuestion(checklist, session);
  if (!question || step !== session.step) return fail('stale');
  const count = Object.keys(session.answers[question.id] ?? {}).length;
  if (count === 0 && !question.optional) return fail('no-answers');
  return advance(checklist, session, now);
}

function advance(checklist: Checklist, session: Session, now: number): Result<StepOutcome, StepRefusal> {
  const step = session.step + 1;
  const moved = { ...session, step, updatedAt: now };
  return ok({ session: moved, finished: step >= checklist.questions.length });
}

/** The answers in the shape scoring expects: question id → every member's option. */
export function teamAnswers(session: Session): TeamAnswers {
  return Object.fromEntries(
    Object.entries(session.answers).map(([questionId, byUser]) => [questionId, Object.values(byUser).map((a) => a.option)]),
  );
}

/** Names of the members who answered a question, in answer order. */
export function answeredBy(session: Session, questionId: string): string[] {
  return Object.values(session.answers[questionId] ?? {}).map((a) => a.name);
}

/** Who took part at all, for the result's "from N people". */
export function participants(session: Session): number {
  return new Set(Object.values(session.answers).flatMap((byUser) => Object.keys(byUser))).size;
}
