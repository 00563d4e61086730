import { pollClose, pollFromChecklist, pollVote, type VoteValue } from '../actions.js';
import { RECOMMENDATION_LABEL } from '../checklist/render.js';
import { scoreAnswers } from '../checklist/score.js';
import type { Context } from '../context.js';
import type { Conversation } from '../messages.js';
import { closeStoredPoll, type CloseResult } from '../polls/close.js';
import { salvageCsv } from '../polls/salvage.js';
import { notePollOpened } from '../decisions/keep.js';
import { DEFAULT_OPTIONS, parsePollArgs, type PollSpec } from '../polls/parse.js';
import { castVote, createPoll, type Poll, type VoteOutcome } from '../polls/poll.js';
import { addDeadline, addToIndex, anonymousVoterKey, channelPollIds, newestPoll, POLL, removeDeadline } from '../polls/records.js';
import { announcementReply, closedReply, confirmation, pollCsv, pollReply } from '../polls/render.js';
import { shortId, userText } from '../text.js';
import { readResult } from './checklist.js';

const damaged = (ctx: Context, found: { problem: string; backupKey: string }) =>
  ctx.refuse('poll_damaged', { detail: found.problem, backupKey: found.backupKey });

function plainConversation(c: Conversation): Poll['conversation'] {
  return { platform: c.platform, workspaceId: c.workspaceId, channelId: c.channelId, isDirect: c.isDirect, ...(c.threadId ? { threadId: c.threadId } : {}) };
}

/** Stores a new poll, posts it, and remembers the posted message so votes can edit it. */
async function create(ctx: Context, spec: PollSpec, fromResult?: string): Promise<void> {
  const { deps, incoming } = ctx;
  const poll = createPoll(spec, {
    id: shortId(deps.random),
    conversation: plainConversation(incoming.conversation),
    creator: { id: incoming.sender.id, name: incoming.sender.name },
    now: deps.clock.now(),
    fromResult,
  });
  const ref = { convKey: ctx.key, id: poll.id };
  await deps.records.create(POLL, ref, poll);
  await addToIndex(deps.records, ctx.key, poll.id);
  if (poll.deadline !== undefined) await addDeadline(deps.records, { key: ctx.key, id: poll.id, at: poll.deadline });
  await notePollOpened(ctx, poll, spec.remind === true);
  const handle = await ctx.reply({ ...pollReply(poll), live: true });
  if (!handle) return;
  const votedMeanwhile = await deps.records.update(POLL, ref, (found) => {
    if (found.status !== 'ok') return { result: false };
    const value = { ...found.value, message: { messageId: handle.messageId }, version: found.value.version + 1 };
    return { result: found.value.version > poll.version, write: value };
  });
  if (votedMeanwhile) await deps.live.refresh(ctx.key, poll.id);
}

/** `poll …` */
export async function startPoll(ctx: Context, args: string): Promise<void> {
  const parsed = parsePollArgs(args);
  if (!parsed.ok) return ctx.refuse('poll_usage', { detail: parsed.reason });
  await create(ctx, parsed.value);
}

type VoteResult = { refusal: 'poll_closed' | 'poll_unknown_option' } | { poll: Poll; outcome: VoteOutcome } | { problem: string; backupKey: string };

async function onVote(ctx: Context, vote: VoteValue): Promise<void> {
  const { deps, incoming } = ctx;
  const { sender, conversation } = incoming;
  const ref = { convKey: ctx.key, id: vote.pollId };
  // Read ahead of the lock (the key is random and made once), so a batch of voters never waits on it.
  const secret = deps.secret.get();
  secret.catch(() => undefined);
  const voterOf = async (poll: Poll) =>
    poll.anonymous ? anonymousVoterKey(await secret, conversation.platform, conversation.workspaceId, sender.id) : sender.id;
  const result = await deps.records.update(POLL, ref, async (found) => {
    if (found.status === 'missing') return { result: undefined };
    if (found.status === 'corrupt') return { result: { problem: found.problem, backupKey: found.backupKey } as VoteResult };
    const poll = found.value;
    const cast = castVote(poll, await voterOf(poll), vote.option, poll.anonymous ? undefined : sender.name);
    if (!cast.ok) return { result: { refusal: cast.reason === 'closed' ? 'poll_closed' : 'poll_unknown_option' } as VoteResult };
    return { result: { poll: cast.value.poll, outcome: cast.value.outcome } as VoteResult, write: cast.value.poll };
  });
  if (!result) return ctx.refuse('poll_not_here');
  if ('problem' in result) return damaged(ctx, result);
  if ('refusal' in result) return ctx.refuse(result.refusal);
  await ctx.tell(confirmation(result.poll, vote.option, result.outcome));
  // The live edit waits up to a second to gather a burst's votes into one edit; the next voter need not wait with it.
  if (deps.live.canUpdate(result.poll)) return ctx.afterTurn(deps.live.refresh(ctx.key, result.poll.id));
  // No outbox: edit the pressed message instead (best effort; snapshots may arrive out of order).
  await ctx.reply(pollReply(result.poll, true));
}

/** Tells the user why a close did nothing, or edits the poll and announces the result. */
async function afterClose(ctx: Context, result: CloseResult, fromButton: boolean): Promise<void> {
  switch (result.status) {
    case 'missing':
      return ctx.refuse('poll_not_here');
    case 'corrupt':
      return damaged(ctx, result);
    case 'already-closed':
      return ctx.refuse('poll_already_closed');
    case 'forbidden':
      return ctx.refuse('poll_not_yours', { detail: userText(result.poll.createdBy.name, 40) });
    case 'closed': {
      const { live } = ctx.deps;
      if (live.canUpdate(result.poll)) await live.refresh(ctx.key, result.poll.id);
      else await ctx.reply(closedReply(result.poll, fromButton));
      await ctx.reply(announcementReply(result.poll));
    }
  }
}

const closer = (ctx: Context) => ({ id: ctx.incoming.sender.id, isAdmin: () => ctx.incoming.sender.isAdmin() });

async function onClose(ctx: Context, pollId: string): Promise<void> {
  await afterClose(ctx, await closeStoredPoll(ctx.deps, ctx.key, pollId, closer(ctx)), true);
}

/** `close`: the newest open poll in this channel; a damaged newest poll may be closed by an admin. */
export async function closeNewest(ctx: Context): Promise<void> {
  const found = await newestPoll(ctx.deps.records, ctx.key, (p) => p.status === 'open');
  if (found.status === 'missing') return ctx.refuse('no_open_poll');
  if (found.status === 'corrupt') return closeDamaged(ctx, found);
  await afterClose(ctx, await closeStoredPoll(ctx.deps, ctx.key, found.value.id, closer(ctx)), false);
}

/** An admin's `close` on a damaged poll: its copy stays in the backup, the record and its deadline go. */
async function closeDamaged(ctx: Context, found: { raw: unknown; problem: string; backupKey: string }): Promise<void> {
  if (!(await ctx.incoming.sender.isAdmin())) return damaged(ctx, found);
  const id = typeof found.raw === 'object' && found.raw !== null && 'id' in found.raw ? String(found.raw.id) : undefined;
  if (id === undefined) return damaged(ctx, found);
  await ctx.deps.records.update(POLL, { convKey: ctx.key, id }, (current) => ({ result: undefined, remove: current.status === 'corrupt' }));
  await removeDeadline(ctx.deps.records, ctx.key, id);
  await ctx.refuse('poll_damaged_closed', { backupKey: found.backupKey });
}

/** `results`: a snapshot of the newest poll in this channel. */
export async function showResults(ctx: Context): Promise<void> {
  const found = await newestPoll(ctx.deps.records, ctx.key);
  if (found.status === 'missing') return ctx.refuse('no_poll');
  if (found.status === 'corrupt') return damaged(ctx, found);
  const reply = pollReply(found.value);
  const context = [reply.context, 'a snapshot; vote on the poll message'].filter(Boolean).join(' · ');
  await ctx.reply({ ...reply, buttons: undefined, live: undefined, context });
}

/** `export`: the poll in this channel closed last, as CSV; a damaged newest poll exports what still reads. */
export async function exportNewest(ctx: Context): Promise<void> {
  const newest = await newestPoll(ctx.deps.records, ctx.key);
  if (newest.status === 'corrupt') {
    const csv = salvageCsv(newest.raw);
    if (!csv) return damaged(ctx, newest);
    return void (await ctx.reply({ sections: [ctx.say('poll_salvaged', { backupKey: newest.backupKey })], files: [csv] }));
  }
  const poll = await lastClosed(ctx);
  if (!poll) return ctx.refuse('no_closed_poll');
  await ctx.reply({ sections: [`The votes of "${userText(poll.question)}" as CSV.`], files: [pollCsv(poll)] });
}

async function lastClosed(ctx: Context): Promise<Poll | undefined> {
  let best: Poll | undefined;
  for (const id of await channelPollIds(ctx.deps.records, ctx.key)) {
    const found = await ctx.deps.records.read(POLL, { convKey: ctx.key, id });
    if (found.status !== 'ok' || found.value.status !== 'closed') continue;
    if (!best || (found.value.closedAt ?? 0) > (best.closedAt ?? 0)) best = found.value;
  }
  return best;
}

/** The checklist result's "Start a team poll" button: a default poll on its recommendation. */
async function onPollFromChecklist(ctx: Context, resultId: string): Promise<void> {
  const result = await readResult(ctx, resultId);
  if (!result) return;
  const score = scoreAnswers(ctx.deps.checklist, result.answers);
  const question = `The checklist recommends ${RECOMMENDATION_LABEL[score.recommendation]}. Which language should we use?`;
  await create(ctx, { question, options: DEFAULT_OPTIONS, anonymous: false, hidden: false }, result.id);
}

export const pollActions = [pollVote.handledBy(onVote), pollClose.handledBy(onClose), pollFromChecklist.handledBy(onPollFromChecklist)];
