import type { Button, Reply } from '../messages.js';
import { knowledgeChecklist, knowledgeMore } from '../actions.js';
import type { Factor } from './decision.js';
import { askButton, feedbackButtons, sourceLine } from './render.js';
import type { Topic } from './schema.js';
import type { Answer } from './search.js';
import { sentencesOf } from './sentences.js';

type Command = (c: string) => string;
type Found = Extract<Answer, { kind: 'answer' }>;

/** The fixed opening of every "I don't know"; tests and the misses count look for it. */
export const DONT_KNOW = "I don't know the answer to that.";
/** The fixed opening of the in-between reply. */
export const NOT_SURE = "I'm not sure what you mean.";

/**
 * An answer to the question asked: a premise the topic contradicts first, then the sentences that answer,
 * a correction only when the question touches the corrected claim, and "More" for the rest of the card.
 */
export function answerReply(found: Found): Reply {
  const { topic, lead } = found;
  const sentences = sentencesOf(topic.body);
  const sections: string[] = [];
  if (found.premise) sections.push(`**First, a correction to the question:** ${found.premise}`);
  sections.push(lead.flatMap((i) => sentences[i]?.text ?? []).join(' '));
  if (found.correction && topic.correction) sections.push(`**Correction:** ${topic.correction.claim} In fact: ${topic.correction.fact}`);
  const rest = lead.length < sentences.length;
  const buttons: Button[] = [];
  if (rest) buttons.push(knowledgeMore.button('More', topic.id));
  buttons.push(...feedbackButtons(topic));
  return {
    sections,
    context: `From “${topic.title}”. ${sourceLine(topic, lead, found.correction)}`,
    buttons,
  };
}

/** "I don't know": the opening sentence, up to three nearest topics as buttons, and where the full list is. */
export function unknownReply(suggestions: readonly Topic[], command: Command): Reply {
  const close = suggestions.length > 0 ? ' These topics are the closest I have.' : '';
  return {
    sections: [`${DONT_KNOW}${close} Type ${command('topics')} for the full list.`],
    buttons: suggestions.slice(0, 3).map((t) => askButton(t)),
  };
}

/** A near match is offered, never presented as the answer. */
export function clarifyReply(suggestions: readonly Topic[], command: Command): Reply {
  return {
    sections: [`${NOT_SURE} Did you mean one of these? If not, ask in other words or type ${command('topics')} for the full list.`],
    buttons: suggestions.slice(0, 3).map((t) => askButton(t)),
  };
}

/** A subject the base does not cover; `subject` is the vocabulary's name for it, never the user's text. */
export function uncoveredReply(subject: string, suggestions: readonly Topic[], command: Command): Reply {
  const nearest = suggestions[0];
  return {
    sections: [
      `I don't know about ${subject}: my knowledge base covers Rust and Go for back-end services only.${
        nearest ? ' The nearest topic I have is below.' : ''
      } Type ${command('topics')} for the full list.`,
    ],
    buttons: nearest ? [askButton(nearest)] : [],
  };
}

const LEAN_WORD = { rust: 'leans Rust', go: 'leans Go', neither: 'either way' } as const;

/** A short read of the factors a described service states, marked preliminary, with the way to the full checklist. */
export function decisionReply(factors: readonly Factor[], command: Command): Reply {
  const lines = factors.map((f) => `• ${f.note} (${LEAN_WORD[f.lean]})`);
  const rust = factors.filter((f) => f.lean === 'rust').length;
  const go = factors.filter((f) => f.lean === 'go').length;
  const tally =
    rust === go ? 'So far the factors you mention are balanced.' : `So far ${Math.max(rust, go)} of the factors you mention lean ${rust > go ? 'Rust' : 'Go'}.`;
  return {
    title: 'A preliminary read, not a recommendation yet',
    sections: [lines.join('\n'), `${tally} The full checklist asks about everything that matters and weighs it.`],
    context: `You can also type ${command('checklist')} at any time.`,
    buttons: [knowledgeChecklist.button('Start the full checklist', 'start', 'primary')],
  };
}
