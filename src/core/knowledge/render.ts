import type { Button, Reply } from '../messages.js';
import type { FeedbackCounts } from './feedback.js';
import type { Topic } from './schema.js';

/** Button actions of the knowledge feature (registered in src/core/features/index.ts). */
export const ASK_ACTION = 'knowledge.ask';
export const FEEDBACK_ACTION = 'knowledge.feedback';

/** Characters of topic titles listed in one "I don't know" reply; the rest is behind `topics`. */
const UNKNOWN_LIST_CHARS = 1_500;
/** Characters per section of the full topic list, well inside every platform's limit. */
const SECTION_CHARS = 1_500;

const label = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A button that asks about a topic, as if its title had been typed. */
export function askButton(topic: Topic, prefix = ''): Button {
  return { label: label(`${prefix}${topic.title}`), action: ASK_ACTION, value: topic.id };
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

/** An entry as the answer to a question: title, body, correction, source, related topics and feedback buttons. */
export function topicReply(topic: Topic, related: readonly Topic[]): Reply {
  const sections = [topic.body];
  if (topic.correction) sections.push(`**Correction:** ${topic.correction.claim} In fact: ${topic.correction.fact}`);
  const sources = [`Source: ${topic.source}`];
  if (topic.correction) sources.push(`Correction source: ${topic.correction.source}`);
  return {
    title: topic.title,
    sections,
    context: sources.join(' · '),
    buttons: [
      ...related.slice(0, 3).map((t) => askButton(t)),
      { label: 'Helpful', action: FEEDBACK_ACTION, value: `${topic.id}:up`, style: 'primary' },
      { label: 'Not helpful', action: FEEDBACK_ACTION, value: `${topic.id}:down` },
    ],
  };
}

/** "I don't know": the text begins with those words, then lists what the bot can talk about. */
export function unknownReply(topics: readonly Topic[], suggestions: readonly Topic[], command: (c: string) => string): Reply {
  const lines: string[] = [];
  let used = 0;
  for (const t of topics) {
    used += t.title.length + 3;
    if (used > UNKNOWN_LIST_CHARS) break;
    lines.push(`• ${t.title}`);
  }
  const more = topics.length - lines.length;
  const sections = [
    "I don't know the answer to that. I only know what is in my knowledge base about Rust and Go for back-end services.",
    `I can talk about:\n${lines.join('\n')}${more > 0 ? `\n…and ${more} more: type ${command('topics')} for the full list.` : ''}`,
  ];
  return {
    sections,
    context: `Ask in other words, or type ${command('topics')} to see every topic.`,
    buttons: suggestions.slice(0, 3).map((t) => askButton(t, 'Maybe: ')),
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
