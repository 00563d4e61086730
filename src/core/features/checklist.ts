import { UserFacingError } from '../../errors.js';
import { backupRecord, readRecord } from '../../state/records.js';
import { decisionRecord, RESULT_TTL_MS, resultSchema, type ChecklistResult } from '../checklist/record.js';
import { questionReply, resultReply } from '../checklist/render.js';
import { scoreAnswers } from '../checklist/score.js';
import {
  answer,
  next,
  participants,
  sessionSchema,
  startSession,
  teamAnswers,
  type Session,
  type StepRefusal,
} from '../checklist/session.js';
import type { ActionHandler, Context } from '../context.js';
import { tellMeMore } from '../knowledge/render.js';
import { cmd, shortId } from '../text.js';

const SESSIONS = 'sessions';
/** Namespace of finished checklist results (the polls feature adds a poll's outcome to them). */
export const RESULTS = 'results';
/** Unfinished sessions expire after a week without activity. */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const lockKey = (ctx: Context) => `session:${ctx.key}`;

function refuse(ctx: Context, reason: StepRefusal): Promise<void> {
  const text: Record<StepRefusal, string> = {
    stale: 'That question is already behind us. Use the buttons on the newest checklist message.',
    'unknown-option': "That isn't one of this question's answers.",
    'no-answers': 'Nobody has answered this question yet. Pick an answer first, then press Next.',
  };
  return ctx.tell(text[reason]);
}

async function readSession(ctx: Context) {
  return readRecord(ctx.deps.store, SESSIONS, ctx.key, sessionSchema);
}

function corruptMessage(ctx: Context, problem: string): string {
  return `The saved checklist for this conversation is damaged (${problem}), so I can't continue it. Type ${cmd(ctx.incoming.commandPrefix, 'checklist restart')} to keep a backup copy and start over.`;
}

async function mayManage(ctx: Context, session: Session): Promise<boolean> {
  return session.startedBy === ctx.incoming.sender.id || session.mode === 'solo' || (await ctx.incoming.sender.isAdmin());
}

async function begin(ctx: Context): Promise<void> {
  const { deps, incoming } = ctx;
  const mode = incoming.conversation.isDirect ? 'solo' : 'team';
  const session = startSession(shortId(deps.random), mode, incoming.sender.id, deps.clock.now());
  await deps.store.set(SESSIONS, ctx.key, session, SESSION_TTL_MS);
  await ctx.reply(questionReply(deps.checklist, session));
}

/** `checklist`: shows where an open session stands, or starts one. */
export async function showOrStart(ctx: Context): Promise<void> {
  await ctx.deps.store.withLock(lockKey(ctx), async () => {
    const found = await readSession(ctx);
    if (found.status === 'corrupt') {
      ctx.log.warn({ problem: found.problem }, 'corrupt checklist session');
      throw new UserFacingError('session_corrupt', corruptMessage(ctx, found.problem));
    }
    if (found.status === 'ok') return void (await ctx.reply(questionReply(ctx.deps.checklist, found.value)));
    await begin(ctx);
  });
}

/** `checklist restart`: starts over; a damaged record is backed up first, never silently lost. */
export async function restart(ctx: Context): Promise<void> {
  await ctx.deps.store.withLock(lockKey(ctx), async () => {
    const found = await readSession(ctx);
    if (found.status === 'ok' && !(await mayManage(ctx, found.value))) {
      return ctx.tell('Only the person who started this checklist, or an admin, can restart it.');
    }
    if (found.status === 'corrupt') {
      const backupKey = await backupRecord(ctx.deps.store, SESSIONS, ctx.key, found.raw, ctx.deps.clock.now());
      ctx.log.warn({ backupKey, problem: found.problem }, 'backed up a corrupt checklist session');
    }
    await begin(ctx);
  });
}

/** `checklist cancel`. */
export async function cancel(ctx: Context): Promise<void> {
  await ctx.deps.store.withLock(lockKey(ctx), async () => {
    const found = await readSession(ctx);
    if (found.status === 'missing') return ctx.tell('There is no checklist running here.');
    if (found.status === 'corrupt') throw new UserFacingError('session_corrupt', corruptMessage(ctx, found.problem));
    if (!(await mayManage(ctx, found.value))) return ctx.tell('Only the person who started this checklist, or an admin, can cancel it.');
    await ctx.deps.store.delete(SESSIONS, ctx.key);
    await ctx.reply({ sections: ['Checklist cancelled. Start a new one any time.'] });
  });
}

/**
 * Runs a button press against the live session. The button's session id must match the one
 * running in this very conversation, so a press from another channel or an old session changes nothing.
 */
async function withLiveSession(ctx: Context, sessionId: string, fn: (session: Session) => Promise<void>): Promise<void> {
  await ctx.deps.store.withLock(lockKey(ctx), async () => {
    const found = await readSession(ctx);
    if (found.status === 'corrupt') throw new UserFacingError('session_corrupt', corruptMessage(ctx, found.problem));
    if (found.status === 'missing' || found.value.id !== sessionId) {
      return ctx.tell(
        `This checklist is no longer running. Type ${cmd(ctx.incoming.commandPrefix, 'checklist')} to start a new one.`,
      );
    }
    await fn(found.value);
  });
}

async function finish(ctx: Context, session: Session): Promise<void> {
  const { deps } = ctx;
  const result: ChecklistResult = {
    v: 1,
    id: session.id,
    finishedAt: deps.clock.now(),
    participants: participants(session),
    answers: teamAnswers(session) as Record<string, string[]>,
  };
  await deps.store.set(RESULTS, `${ctx.key}:${result.id}`, result, RESULT_TTL_MS);
  await deps.store.delete(SESSIONS, ctx.key);
  const score = scoreAnswers(deps.checklist, result.answers);
  const more = tellMeMore(score.reasons.flatMap((r) => r.option.topics), (id) => deps.knowledge.get(id));
  await ctx.reply(resultReply(deps.checklist, score, result.id, result.participants, true, more));
}

async function afterStep(ctx: Context, outcome: { session: Session; finished: boolean }): Promise<void> {
  if (outcome.finished) return finish(ctx, outcome.session);
  await ctx.deps.store.set(SESSIONS, ctx.key, outcome.session, SESSION_TTL_MS);
  await ctx.reply(questionReply(ctx.deps.checklist, outcome.session, true));
}

const VALUE = /^([a-z0-9]{4,16}):(\d{1,2})(?::([a-z0-9-]{1,40}))?$/;

function parseValue(value: string) {
  const m = VALUE.exec(value);
  if (!m) return undefined;
  return { sessionId: m[1] as string, step: Number(m[2]), optionId: m[3] };
}

const malformed = (ctx: Context) => ctx.tell("That button doesn't belong to a checklist I know.");

export const onAnswer: ActionHandler = async (ctx, value) => {
  const parsed = parseValue(value);
  if (!parsed?.optionId) return malformed(ctx);
  const { sender } = ctx.incoming;
  await withLiveSession(ctx, parsed.sessionId, async (session) => {
    const voter = { id: sender.id, name: sender.name };
    const outcome = answer(ctx.deps.checklist, session, parsed.step, parsed.optionId as string, voter, ctx.deps.clock.now());
    if (!outcome.ok) return refuse(ctx, outcome.reason);
    await afterStep(ctx, outcome.value);
  });
};

export const onNext: ActionHandler = async (ctx, value) => {
  const parsed = parseValue(value);
  if (!parsed || parsed.optionId) return malformed(ctx);
  await withLiveSession(ctx, parsed.sessionId, async (session) => {
    const outcome = next(ctx.deps.checklist, session, parsed.step, ctx.deps.clock.now());
    if (!outcome.ok) return refuse(ctx, outcome.reason);
    await afterStep(ctx, outcome.value);
  });
};

/** Reads a finished result of this conversation; undefined (after telling the user) when unusable. */
export async function readResult(ctx: Context, resultId: string): Promise<ChecklistResult | undefined> {
  if (!/^[a-z0-9]{4,16}$/.test(resultId)) {
    await malformed(ctx);
    return undefined;
  }
  const found = await readRecord(ctx.deps.store, RESULTS, `${ctx.key}:${resultId}`, resultSchema);
  if (found.status === 'ok') return found.value;
  if (found.status === 'corrupt') ctx.log.warn({ problem: found.problem }, 'corrupt checklist result');
  await ctx.tell(
    found.status === 'corrupt'
      ? `The saved result of that checklist is damaged (${found.problem}), so I can't write its decision record.`
      : `I no longer have that checklist's result. Run ${cmd(ctx.incoming.commandPrefix, 'checklist')} again to get a new one.`,
  );
  return undefined;
}

export const onRecord: ActionHandler = async (ctx, value) => {
  const result = await readResult(ctx, value);
  if (!result) return;
  const score = scoreAnswers(ctx.deps.checklist, result.answers);
  await ctx.reply({
    sections: ['Here is the decision record for that checklist, ready to commit next to your code.'],
    files: [decisionRecord(ctx.deps.checklist, result, score)],
  });
};
