import type { Button, Reply } from '../messages.js';
import type { FeedbackCounts } from './feedback.js';
import type { Topic } from './schema.js';
import { knowledgeAsk, knowledgeFeedback } from '../actions.js';
import { correctionSources, sentencesOf, sourceText } from './sentences.js';

/** Characters per section of the full topic list, well inside every platform's limit. */
const SECTION_CHARS = 1_500;

const label = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A button that asks about a topic, as if its title had been typed. */
export function askButton(topic: Topic, prefix = ''): Button {
  return knowledgeAsk.button(label(`${prefix}${topic.title}`), topic.id);
}

/** "Tell me more" buttons for the first `max` distinct topics, skipping ids that are not loaded. */
export function tellMeMore(topicIds: readonly string[], lookup: (id: string) => Topic | undefined, max = 3): Button[] {
  const seen = new Set<string>();
  const buttons: Button[] = [];
  for (const id of topicIds) {
    const topic = seen.has(id) ? undefined : lookup(id);
    seen.add(id);
    if (topic && buttons.length < max) buttons.push(askButton(topic, 'Tell me more: '));
  }
  return buttons;
}

export function feedbackButtons(topic: Topic): Button[] {
  return [
    knowledgeFeedback.button('Helpful', { topicId: topic.id, vote: 'up' }, 'primary'),
    knowledgeFeedback.button('Not helpful', { topicId: topic.id, vote: 'down' }),
  ];
}

/**
 * The source line for the sentences shown: the topic's own source for uncited sentences, each cited
 * source once, and the correction's source when the correction is shown.
 */
export function sourceLine(topic: Topic, shown: readonly number[], withCorrection: boolean): string {
  const sentences = sentencesOf(topic.body);
  const ids: Array<string | undefined> = [];
  for (const i of shown) {
    const s = sentences[i];
    if (!s) continue;
    if (s.cites.length === 0) ids.push(undefined);
    else ids.push(...s.cites);
  }
  if (withCorrection && topic.correction) ids.push(...correctionSources(topic.correction.source));
  const texts = [...new Set(ids.map((id) => sourceText(topic, id)))];
  return `${texts.length > 1 ? 'Sources' : 'Source'}: ${texts.join('; ')}`;
}

/** A topic's whole card: body, correction, every source, related topics and feedback buttons. */
export function topicReply(topic: Topic, related: readonly Topic[]): Reply {
  const sentences = sentencesOf(topic.body);
  const sections = [sentences.map((s) => s.text).join(' ')];
  if (topic.correction) sections.push(`**Correction:** ${topic.correction.claim} In fact: ${topic.correction.fact}`);
  return {
    title: topic.title,
    sections,
    context: sourceLine(topic, sentences.map((_, i) => i), true),
    buttons: [...related.slice(0, 3).map((t) => askButton(t)), ...feedbackButtons(topic)],
  };
}

/** Every topic in load order (by id, so `go-…` and `rust-…` entries sit together), split into sections that fit any platform. */
export function topicsReply(topics: readonly Topic[], command: (c: string) => string): Reply {
  const sections: string[] = [];
  let current = '';
  for (const t of topics) {
    const line = `• ${t.title}`;
    if (current && current.length + line.length + 1 > SECTION_CHARS) {
      sections.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push(current);
  if (sections.length === 0) sections.push('No topics are loaded.');
  return {
    title: `What I can talk about (${topics.length} topics)`,
    sections,
    context: `Ask with ${command('ask …')} or just type your question.`,
    ephemeral: true,
  };
}

/** Helpful / not-helpful counts per entry, the most disliked first, so a maintainer sees which answers fail. */
export function statsReply(rows: ReadonlyArray<{ topic: Topic; counts: FeedbackCounts }>): Reply {
  const rated = rows.filter((r) => r.counts.helpful + r.counts.notHelpful > 0);
  const sorted = [...rated].sort(
    (a, b) => b.counts.notHelpful - a.counts.notHelpful || a.counts.helpful - b.counts.helpful || a.topic.id.localeCompare(b.topic.id),
  );
  const total = rated.reduce((n, r) => ({ up: n.up + r.counts.helpful, down: n.down + r.counts.notHelpful }), { up: 0, down: 0 });
  const lines = sorted.map((r) => `• ${r.topic.title} (\`${r.topic.id}\`): helpful ${r.counts.helpful}, not helpful ${r.counts.notHelpful}`);
  const unrated = rows.length - rated.length;
  if (rated.length === 0) return { title: 'Answer feedback', sections: ['No answer has been rated yet.'], ephemeral: true };
  return {
    title: 'Answer feedback',
    sections: [
      lines.join('\n'),
      `${rated.length} of ${rows.length} topics rated: helpful ${total.up}, not helpful ${total.down}.${unrated > 0 ? ` ${unrated} not rated yet.` : ''}`,
    ],
    ephemeral: true,
  };
}
