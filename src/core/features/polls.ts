import { RECOMMENDATION_LABEL } from '../checklist/render.js';
import { scoreAnswers } from '../checklist/score.js';
import type { ActionHandler, Context } from '../context.js';
import type { Conversation } from '../messages.js';
import { closeStoredPoll, type CloseResult } from '../polls/close.js';
import { liveUpdater } from '../polls/live.js';
import { DEFAULT_OPTIONS, parsePollArgs, type PollSpec } from '../polls/parse.js';
import { castVote, createPoll, isPollId, parseVoteValue, type Poll, type VoteOutcome } from '../polls/poll.js';
import {
  addDeadline,
  addToIndex,
  anonymousVoterKey,
  lockOf,
  newestPoll,
  pollSecret,
  readPoll,
  savePoll,
} from '../polls/records.js';
import { announcementReply, closedReply, confirmation, pollCsv, pollReply } from '../polls/render.js';
import { cmd, shortId, userText } from '../text.js';
import { readResult } from './checklist.js';

const updater = (ctx: Context) => liveUpdater(ctx.deps.store, ctx.deps.outboxes, ctx.deps.logger);

const notHere = (ctx: Context) =>
  ctx.tell("That poll doesn't belong to this channel, or I no longer have it. Start a new one with " + cmd(ctx.incoming.commandPrefix, 'poll') + '.');
const malformed = (ctx: Context) => ctx.tell("That button doesn't belong to a poll I know.");
const damaged = (ctx: Context, problem: string) => {
  ctx.log.warn({ problem }, 'corrupt poll record');
  return ctx.tell(`The saved poll is damaged (${problem}), so I can't use it. Start a new one with ${cmd(ctx.incoming.commandPrefix, 'poll')}.`);
};

function plainConversation(c: Conversation): Poll['conversation'] {
  return { platform: c.platform, workspaceId: c.workspaceId, channelId: c.channelId, isDirect: c.isDirect, ...(c.threadId ? { threadId: c.threadId } : {}) };
}

/** Stores a new poll, posts it, and remembers the posted message so votes can edit it. */
async function create(ctx: Context, spec: PollSpec, fromResult?: string): Promise<void> {
  const { deps, incoming } = ctx;
  const now = deps.clock.now();
  const poll = createPoll(spec, {
    id: shortId(deps.random),
    conversation: plainConversation(incoming.conversation),
    creator: { id: incoming.sender.id, name: incoming.sender.name },
    now,
    fromResult,
  });
  await savePoll(deps.store, ctx.key, poll);
  await addToIndex(deps.store, ctx.key, poll.id, now);
  if (poll.deadline !== undefined) await addDeadline(deps.store, { key: ctx.key, id: poll.id, at: poll.deadline }, now);
  const handle = await ctx.reply(pollReply(poll));
  if (!handle) return;
  const votedMeanwhile = await deps.store.withLock(lockOf(ctx.key, poll.id), async () => {
    const found = await readPoll(deps.store, ctx.key, poll.id);
    if (found.status !== 'ok') return false;
    await savePoll(deps.store, ctx.key, { ...found.value, message: { messageId: handle.messageId }, version: found.value.version + 1 });
    return found.value.version > poll.version;
  });
  if (votedMeanwhile) await updater(ctx).refresh(ctx.key, poll.id);
}

/** `poll …` */
export async function startPoll(ctx: Context, args: string): Promise<void> {
  const parsed = parsePollArgs(args);
  if (!parsed.ok) {
    return ctx.tell(`${parsed.reason} Usage: ${cmd(ctx.incoming.commandPrefix, 'poll [anonymous] [hidden] [for 2h] QUESTION | OPTION | OPTION')}`);
  }
  await create(ctx, parsed.value);
}

type VoteResult = { refusal: string } | { poll: Poll; option: number; outcome: VoteOutcome };

export const onVote: ActionHandler = async (ctx, value) => {
  const parsed = parseVoteValue(value);
  if (!parsed) return malformed(ctx);
  const { deps, incoming } = ctx;
  const { sender, conversation } = incoming;
  const result = await deps.store.withLock(lockOf(ctx.key, parsed.pollId), async (): Promise<VoteResult | undefined> => {
    const found = await readPoll(deps.store, ctx.key, parsed.pollId);
    if (found.status === 'missing') return undefined;
    if (found.status === 'corrupt') return { refusal: `The saved poll is damaged (${found.problem}), so I can't count votes on it.` };
    const poll = found.value;
    const voter = poll.anonymous
      ? anonymousVoterKey(await pollSecret(deps.store, deps.pollSecret), conversation.platform, conversation.workspaceId, sender.id)
      : sender.id;
    const cast = castVote(poll, voter, parsed.option, poll.anonymous ? undefined : sender.name);
    if (!cast.ok) {
      return { refusal: cast.reason === 'closed' ? 'This poll is closed; votes no longer count.' : "That isn't one of this poll's options." };
    }
    await savePoll(deps.store, ctx.key, cast.value.poll);
    return { poll: cast.value.poll, option: parsed.option, outcome: cast.value.outcome };
  });
  if (!result) return notHere(ctx);
  if ('refusal' in result) return ctx.tell(result.refusal);
  await ctx.tell(confirmation(result.poll, result.option, result.outcome));
  // The live edit waits up to a second to gather a burst's votes into one edit; the next voter need not wait with it.
  if (updater(ctx).canUpdate(result.poll)) return ctx.afterTurn(updater(ctx).refresh(ctx.key, result.poll.id));
  // No outbox: edit the pressed message instead (best effort; snapshots may arrive out of order).
  await ctx.reply(pollReply(result.poll, true));
};

/** Tells the user why a close did nothing, or edits the poll and announces the result. */
async function afterClose(ctx: Context, result: CloseResult, fromButton: boolean): Promise<void> {
  switch (result.status) {
    case 'missing':
      return notHere(ctx);
    case 'corrupt':
      return damaged(ctx, result.problem);
    case 'already-closed':
      return ctx.tell('This poll is closed already.');
    case 'forbidden':
      return ctx.tell(`Only the person who started this poll (${userText(result.poll.createdBy.name, 40)}), or an admin, can close it early.`);
    case 'closed': {
      const live = updater(ctx);
      if (live.canUpdate(result.poll)) await live.refresh(ctx.key, result.poll.id);
      else await ctx.reply(closedReply(result.poll, fromButton));
      await ctx.reply(announcementReply(result.poll));
    }
  }
}

const closer = async (ctx: Context) => ({ id: ctx.incoming.sender.id, isAdmin: await ctx.incoming.sender.isAdmin() });

export const onClose: ActionHandler = async (ctx, value) => {
  if (!isPollId(value)) return malformed(ctx);
  await afterClose(ctx, await closeStoredPoll(ctx.deps, ctx.key, value, await closer(ctx)), true);
};

/** `close`: the newest open poll in this channel. */
export async function closeNewest(ctx: Context): Promise<void> {
  const poll = await newestPoll(ctx.deps.store, ctx.key, (p) => p.status === 'open');
  if (!poll) return ctx.tell('There is no open poll in this channel.');
  await afterClose(ctx, await closeStoredPoll(ctx.deps, ctx.key, poll.id, await closer(ctx)), false);
}

/** `results`: a snapshot of the newest poll in this channel. */
export async function showResults(ctx: Context): Promise<void> {
  const poll = await newestPoll(ctx.deps.store, ctx.key);
  if (!poll) return ctx.tell(`There is no poll in this channel yet. Start one with ${cmd(ctx.incoming.commandPrefix, 'poll')}.`);
  const reply = pollReply(poll);
  await ctx.reply({ ...reply, buttons: undefined, context: [reply.context, 'a snapshot; vote on the poll message'].filter(Boolean).join(' · ') });
}

/** `export`: the newest closed poll in this channel as CSV. */
export async function exportNewest(ctx: Context): Promise<void> {
  const poll = await newestPoll(ctx.deps.store, ctx.key, (p) => p.status === 'closed');
  if (!poll) return ctx.tell('There is no closed poll in this channel yet; I export a poll once it is closed.');
  await ctx.reply({ sections: [`The votes of "${userText(poll.question)}" as CSV.`], files: [pollCsv(poll)] });
}

/** The checklist result's "Start a team poll" button: a default poll on its recommendation. */
export const onPollFromChecklist: ActionHandler = async (ctx, value) => {
  const result = await readResult(ctx, value);
  if (!result) return;
  const score = scoreAnswers(ctx.deps.checklist, result.answers);
  const question = `The checklist recommends ${RECOMMENDATION_LABEL[score.recommendation]}. Which language should we use?`;
  await create(ctx, { question, options: DEFAULT_OPTIONS, anonymous: false, hidden: false }, result.id);
};
