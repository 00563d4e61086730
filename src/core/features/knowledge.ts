import type { ActionHandler, Context } from '../context.js';
import { readCounts, recordFeedback, type Vote } from '../knowledge/feedback.js';
import { statsReply, topicReply, topicsReply, unknownReply } from '../knowledge/render.js';
import { cmd } from '../text.js';

const command = (ctx: Context) => (c: string) => cmd(ctx.incoming.commandPrefix, c);

/** `ask QUESTION`, or any text that is not a command. An empty question lists the topics. */
export async function ask(ctx: Context, question: string): Promise<void> {
  const { knowledge } = ctx.deps;
  if (question.trim() === '') return topics(ctx);
  const answer = knowledge.answer(question);
  if (answer.kind === 'answer') {
    ctx.log.debug({ topic: answer.topic.id, score: answer.score }, 'question answered');
    await ctx.reply(topicReply(answer.topic, answer.related));
    return;
  }
  ctx.log.info({ suggestions: answer.suggestions.map((t) => t.id) }, 'question not answered');
  await ctx.reply(unknownReply(knowledge.topics, answer.suggestions, command(ctx)));
}

/** `topics`: every entry. */
export async function topics(ctx: Context): Promise<void> {
  await ctx.reply(topicsReply(ctx.deps.knowledge.topics, command(ctx)));
}

/** `topics stats`: helpful / not-helpful counts per entry. */
export async function topicsStats(ctx: Context): Promise<void> {
  const { knowledge, records } = ctx.deps;
  const rows = await Promise.all(knowledge.topics.map(async (topic) => ({ topic, counts: await readCounts(records, topic.id) })));
  await ctx.reply(statsReply(rows));
}

/** A related-topic or "tell me more" button: shows that entry as if it had been asked about. */
export const onAsk: ActionHandler = async (ctx, value) => {
  const topic = ctx.deps.knowledge.get(value);
  if (!topic) return ctx.tell("I don't have that topic any more. Type the question instead, or see the list with topics.");
  const related = topic.related.flatMap((id) => ctx.deps.knowledge.get(id) ?? []);
  await ctx.reply(topicReply(topic, related));
};

const FEEDBACK_VALUE = /^([a-z0-9-]{1,60}):(up|down)$/;

/** Helpful / Not helpful on an answer. One vote per person and entry; pressing the other button changes it. */
export const onFeedback: ActionHandler = async (ctx, value) => {
  const match = FEEDBACK_VALUE.exec(value);
  const topic = match ? ctx.deps.knowledge.get(match[1] as string) : undefined;
  if (!match || !topic) return ctx.tell("That feedback button doesn't belong to an answer I know.");
  const vote = match[2] as Vote;
  const { platform, workspaceId } = ctx.incoming.conversation;
  const voter = `${platform}:${workspaceId}:${ctx.incoming.sender.id}`;
  const outcome = await recordFeedback(ctx.deps.records, topic.id, voter, vote);
  const what = vote === 'up' ? 'helpful' : 'not helpful';
  const text = {
    recorded: `Thanks! I noted that "${topic.title}" was ${what}.`,
    changed: `Thanks, I changed your rating of "${topic.title}" to ${what}.`,
    unchanged: `You already rated "${topic.title}" as ${what}.`,
  }[outcome];
  await ctx.tell(text);
};
