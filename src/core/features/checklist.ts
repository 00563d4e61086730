import { UserFacingError } from '../../errors.js';
import type { ReadResult } from '../../state/records.js';
import { checklistAnswer, checklistNext, checklistRecord, type AnswerValue, type StepValue } from '../actions.js';
import { decisionRecord, type ChecklistResult } from '../checklist/record.js';
import { RESULT, SESSION } from '../checklist/records.js';
import { questionReply, resultReply } from '../checklist/render.js';
import { scoreAnswers } from '../checklist/score.js';
import { answer, next, participants, startSession, teamAnswers, type Session, type StepOutcome, type StepRefusal } from '../checklist/session.js';
import type { Context } from '../context.js';
import { checklistAdr, noteChecklistStarted, recordChecklist } from '../decisions/keep.js';
import type { Reply } from '../messages.js';
import { tellMeMore } from '../knowledge/render.js';
import type { Result } from '../result.js';
import { shortId, userText } from '../text.js';

const REFUSAL = {
  stale: 'checklist_stale',
  'unknown-option': 'checklist_unknown_option',
  'no-answers': 'checklist_no_answers',
} as const satisfies Record<StepRefusal, string>;

async function mayManage(ctx: Context, session: Session): Promise<boolean> {
  return session.startedBy === ctx.incoming.sender.id || session.mode === 'solo' || (await ctx.incoming.sender.isAdmin());
}

const damaged = (found: { problem: string }) => new UserFacingError('checklist_damaged', { detail: found.problem });

function fresh(ctx: Context, subject?: string): Session {
  const mode = ctx.incoming.conversation.isDirect ? 'solo' : 'team';
  const started = startSession(shortId(ctx.deps.random), mode, ctx.incoming.sender.id, ctx.deps.clock.now());
  return subject ? { ...started, subject } : started;
}

/** `checklist [for SUBJECT]`: shows where an open session stands, or starts one about SUBJECT. */
export async function showOrStart(ctx: Context, subject?: string): Promise<void> {
  const named = subject === undefined ? undefined : userText(subject, 100);
  const { session, made } = await ctx.deps.records.update(SESSION, ctx.key, (found) => {
    if (found.status === 'corrupt') throw damaged(found);
    if (found.status === 'ok') return { result: { session: found.value, made: false } };
    const started = fresh(ctx, named);
    return { result: { session: started, made: true }, write: started };
  });
  if (made) await noteChecklistStarted(ctx, session.id, session.subject);
  await ctx.reply(questionReply(ctx.deps.checklist, session));
}

/** `checklist restart`: starts over; a damaged record was backed up when read, never silently lost. */
export async function restart(ctx: Context): Promise<void> {
  const admin = await ctx.incoming.sender.isAdmin();
  const session = await ctx.deps.records.update(SESSION, ctx.key, (found) => {
    const own = found.status !== 'ok' || found.value.startedBy === ctx.incoming.sender.id || found.value.mode === 'solo' || admin;
    if (!own) return { result: undefined };
    const made = fresh(ctx);
    return { result: made, write: made };
  });
  if (!session) return ctx.refuse('checklist_not_yours_restart');
  await noteChecklistStarted(ctx, session.id, undefined);
  await ctx.reply(questionReply(ctx.deps.checklist, session));
}

/** `checklist cancel`. */
export async function cancel(ctx: Context): Promise<void> {
  const found = await ctx.deps.records.read(SESSION, ctx.key);
  if (found.status === 'missing') return ctx.refuse('checklist_none');
  if (found.status === 'corrupt') throw damaged(found);
  if (!(await mayManage(ctx, found.value))) return ctx.refuse('checklist_not_yours_cancel');
  const removed = await ctx.deps.records.update(SESSION, ctx.key, (current) =>
    current.status === 'ok' && current.value.id === found.value.id ? { result: true, remove: true } : { result: false },
  );
  if (!removed) return ctx.refuse('checklist_none');
  await ctx.reply({ sections: ['Checklist cancelled. Start a new one any time.'] });
}

type Step = (session: Session) => Result<StepOutcome, StepRefusal>;
type Stepped = { refusal: StepRefusal } | { gone: true } | { done: true; finished?: { result: ChecklistResult; subject?: string | undefined } };

/**
 * Runs a button press against the live session. The button's session id must match the one
 * running in this very conversation, so a press from another channel or an old session changes nothing.
 * A finished session becomes a result (written before the session goes, so a crash loses neither).
 */
async function step(ctx: Context, sessionId: string, move: Step): Promise<void> {
  const { records } = ctx.deps;
  const outcome = await records.update(SESSION, ctx.key, async (found: ReadResult<Session>) => {
    if (found.status === 'corrupt') throw damaged(found);
    if (found.status === 'missing' || found.value.id !== sessionId) return { result: { gone: true } as Stepped };
    const moved = move(found.value);
    if (!moved.ok) return { result: { refusal: moved.reason } as Stepped };
    const { session, finished } = moved.value;
    // Each press edits the same message: replied under the lock, so edits arrive in the order made.
    const after = async () => void (await ctx.reply(finished ? finishedReply(ctx, session) : questionReply(ctx.deps.checklist, session, true)));
    const done = { done: true } as Stepped;
    if (!finished) return { result: done, write: session, after };
    const result = toResult(ctx, session);
    await records.create(RESULT, { convKey: ctx.key, id: sessionId }, result);
    return { result: { done: true, finished: { result, subject: session.subject } } as Stepped, remove: true, after };
  });
  if ('gone' in outcome) return ctx.refuse('checklist_gone');
  if ('refusal' in outcome) return ctx.refuse(REFUSAL[outcome.refusal]);
  if ('finished' in outcome && outcome.finished) {
    const { result, subject } = outcome.finished;
    await recordChecklist(ctx, result, scoreAnswers(ctx.deps.checklist, result.answers), subject);
  }
}

function toResult(ctx: Context, session: Session): ChecklistResult {
  const answers = teamAnswers(session) as Record<string, string[]>;
  return { v: 1, id: session.id, finishedAt: ctx.deps.clock.now(), participants: participants(session), answers };
}

function finishedReply(ctx: Context, session: Session): Reply {
  const { deps } = ctx;
  const score = scoreAnswers(deps.checklist, teamAnswers(session));
  const more = tellMeMore(score.reasons.flatMap((r) => r.option.topics), (id) => deps.knowledge.get(id));
  return resultReply(deps.checklist, score, session.id, participants(session), true, more);
}

async function onAnswer(ctx: Context, v: AnswerValue): Promise<void> {
  const voter = { id: ctx.incoming.sender.id, name: ctx.incoming.sender.name };
  await step(ctx, v.sessionId, (s) => answer(ctx.deps.checklist, s, v.step, v.optionId, voter, ctx.deps.clock.now()));
}

async function onNext(ctx: Context, v: StepValue): Promise<void> {
  await step(ctx, v.sessionId, (s) => next(ctx.deps.checklist, s, v.step, ctx.deps.clock.now()));
}

/** Reads a finished result of this conversation; undefined (after telling the user) when unusable. */
export async function readResult(ctx: Context, resultId: string): Promise<ChecklistResult | undefined> {
  const found = await ctx.deps.records.read(RESULT, { convKey: ctx.key, id: resultId });
  if (found.status === 'ok') return found.value;
  if (found.status === 'corrupt') await ctx.refuse('result_damaged', { detail: found.problem });
  else await ctx.refuse('result_gone');
  return undefined;
}

async function onRecord(ctx: Context, resultId: string): Promise<void> {
  const result = await readResult(ctx, resultId);
  if (!result) return;
  const score = scoreAnswers(ctx.deps.checklist, result.answers);
  await ctx.reply({
    sections: ['Here is the decision record for that checklist, ready to commit next to your code.'],
    files: [(await checklistAdr(ctx.deps, ctx.incoming.conversation, ctx.key, result.id)) ?? decisionRecord(ctx.deps.checklist, result, score)],
  });
}

export const checklistActions = [checklistAnswer.handledBy(onAnswer), checklistNext.handledBy(onNext), checklistRecord.handledBy(onRecord)];
