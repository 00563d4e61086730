/**
 * Turns text into a command. A message is a command only when its first word is a command word
 * and the rest fits that command's syntax; anything else is a question for the knowledge base.
 */
export type Command =
  | { type: 'help' }
  | { type: 'topics' }
  | { type: 'topics-stats' }
  | { type: 'topics-misses' }
  | { type: 'results' }
  | { type: 'close' }
  | { type: 'export' }
  | { type: 'checklist'; sub: 'show' | 'restart' | 'cancel'; subject?: string }
  | { type: 'decisions' }
  | { type: 'decisions-forget'; id: string }
  | { type: 'polls' }
  | { type: 'ask'; question: string }
  | { type: 'poll'; args: string }
  | { type: 'too-long'; length: number };

/** Longest text the bot reads, in characters. */
export const MAX_TEXT_LENGTH = 4_000;

const BARE = new Set(['help', 'results', 'close', 'export']);

export function parseCommand(raw: string): Command {
  if (raw.length > MAX_TEXT_LENGTH) return { type: 'too-long', length: raw.length };
  const text = raw.trim();
  if (text === '') return { type: 'help' };
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(text);
  const word = (match?.[1] ?? '').toLowerCase();
  const rest = (match?.[2] ?? '').trim();
  const restWord = rest.toLowerCase();

  if (BARE.has(word) && rest === '') return { type: word as 'help' | 'results' | 'close' | 'export' };
  if (word === 'topics') {
    if (rest === '') return { type: 'topics' };
    if (restWord === 'stats') return { type: 'topics-stats' };
    if (restWord === 'misses') return { type: 'topics-misses' };
  }
  if (word === 'checklist') {
    if (rest === '') return { type: 'checklist', sub: 'show' };
    if (restWord === 'restart' || restWord === 'cancel') return { type: 'checklist', sub: restWord };
    const subject = /^for\s+(\S[\s\S]*)$/i.exec(rest)?.[1];
    if (subject) return { type: 'checklist', sub: 'show', subject };
  }
  if (word === 'decisions') {
    if (rest === '') return { type: 'decisions' };
    const forget = /^forget\s+(\S+)$/i.exec(rest)?.[1];
    if (forget) return { type: 'decisions-forget', id: forget.toLowerCase() };
  }
  if (word === 'polls' && rest === '') return { type: 'polls' };
  if (word === 'ask') return { type: 'ask', question: rest };
  if (word === 'poll') return { type: 'poll', args: rest };
  return { type: 'ask', question: text };
}
