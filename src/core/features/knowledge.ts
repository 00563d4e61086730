import { knowledgeAsk, knowledgeChecklist, knowledgeFeedback, knowledgeMore, type BoundAction } from '../actions.js';
import type { Context } from '../context.js';
import { readCounts, recordFeedback } from '../knowledge/feedback.js';
import { recordMiss, topMisses } from '../knowledge/misses.js';
import { statsReply, topicReply, topicsReply } from '../knowledge/render.js';
import { answerReply, clarifyReply, decisionReply, uncoveredReply, unknownReply } from '../knowledge/replies.js';
import { cmd } from '../text.js';
import { showOrStart } from './checklist.js';

const command = (ctx: Context) => (c: string) => cmd(ctx.incoming.commandPrefix, c);
/** Questions listed by `topics misses`. */
const MISSES_LISTED = 15;

/** `ask QUESTION`, or any text that is not a command. An empty question lists the topics. */
export async function ask(ctx: Context, question: string): Promise<void> {
  const { knowledge } = ctx.deps;
  if (question.trim() === '') return topics(ctx);
  const answer = knowledge.answer(question);
  switch (answer.kind) {
    case 'answer':
      ctx.debug({ topic: answer.topic.id, score: answer.score }, 'question answered');
      await ctx.reply(answerReply(answer));
      return;
    case 'decision':
      ctx.debug({ factors: answer.factors.map((f) => f.id) }, 'decision question read');
      await ctx.reply(decisionReply(answer.factors, command(ctx)));
      return;
    case 'uncovered':
      await ctx.reply(uncoveredReply(answer.subject, answer.suggestions, command(ctx)));
      return;
    case 'clarify':
    case 'unknown':
      ctx.log.info({ outcome: answer.kind, suggestions: answer.suggestions.map((t) => t.id) }, 'question not answered');
      await recordMiss(ctx.deps.records, question, ctx.deps.clock.now());
      await ctx.reply(answer.kind === 'clarify' ? clarifyReply(answer.suggestions, command(ctx)) : unknownReply(answer.suggestions, command(ctx)));
  }
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

/** `topics misses` (admins and the terminal): the questions most often left without an answer. */
export async function topicsMisses(ctx: Context): Promise<void> {
  if (!(await ctx.incoming.sender.isAdmin())) return ctx.tell('Only a workspace or server admin can see the unanswered questions.');
  const misses = await topMisses(ctx.deps.records, ctx.deps.clock.now(), MISSES_LISTED);
  const lines = misses.map((m) => `• ${m.count}× \`${m.text}\``);
  await ctx.reply({
    title: 'Questions I could not answer (last 90 days)',
    sections: [lines.length > 0 ? lines.join('\n') : 'None so far.'],
    context: 'Counted per question text, without who asked. Add topics where people ask most.',
    ephemeral: true,
  });
}

/** A related-topic, "Did you mean" or "More" button: shows that entry's whole card. */
async function onAsk(ctx: Context, topicId: string): Promise<void> {
  const topic = ctx.deps.knowledge.get(topicId);
  if (!topic) return ctx.refuse('topic_gone');
  const related = topic.related.flatMap((id) => ctx.deps.knowledge.get(id) ?? []);
  await ctx.reply(topicReply(topic, related));
}

/** Helpful / Not helpful on an answer. One vote per person and entry; pressing the other button changes it. */
async function onFeedback(ctx: Context, parsed: { topicId: string; vote: 'up' | 'down' }): Promise<void> {
  const topic = ctx.deps.knowledge.get(parsed.topicId);
  if (!topic) return ctx.refuse('button_feedback');
  const { vote } = parsed;
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
}

export const knowledgeActions: readonly BoundAction[] = [
  knowledgeAsk.handledBy(onAsk),
  knowledgeMore.handledBy(onAsk),
  // "Start the full checklist" under a preliminary read.
  knowledgeChecklist.handledBy((ctx) => showOrStart(ctx)),
  knowledgeFeedback.handledBy(onFeedback),
];
