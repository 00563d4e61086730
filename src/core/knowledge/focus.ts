import type { QueryUnit } from './analyze.js';

/** A message split into the question that decides the answer and the preamble that only breaks ties. */
export interface Focus {
  readonly focus: QueryUnit[];
  readonly context: QueryUnit[];
  /** The closing question named nothing of its own ("Rust or Go?"), so the whole message was read. */
  readonly bareQuestion: boolean;
}

/** Sentence ends and line breaks; a ramble usually puts its real question last. */
const SEGMENT = /(?<=[.!?])\s+|\n+/;

/** The opening words of a question. */
const ASKS = /^\W*(?:how|what|whats|why|when|where|which|who|is|are|does|do|did|can|could|should|would|will|cant|isnt|any)\b/i;

/** Clause breaks inside a sentence ("before I push back: is that true?"). */
const CLAUSE = /[:;,—–]\s+|\s+-\s+/;
/** A pronoun among the first three words of a question's last clause points back to the preamble ("is that true?", "would it help?"). */
const REFERS_BACK = /^\W*(?:\w+\W+){0,2}(?:it|that|this|these|those|they|them)\b/i;

/**
 * For a message of several sentences, the last one that asks something (else the last one) decides,
 * provided it `names` something the topics know; "which are still good bets?" leaves the whole message in charge.
 */
export function focusOf(text: string, unitsOf: (text: string) => QueryUnit[], names: (u: QueryUnit) => boolean): Focus {
  const segments = text.split(SEGMENT).map((s) => s.trim()).filter(Boolean);
  if (segments.length < 2) return { focus: unitsOf(text), context: [], bareQuestion: false };
  const last = segments.length - 1;
  // Chat often drops the question mark: a last line that opens like a question is the question.
  const asked = ASKS.test(segments[last] ?? '') ? last : segments.findLastIndex((s) => s.includes('?'));
  const at = asked >= 0 ? asked : last;
  // "How long are the pauses? Still in the ms range?" asks one thing in two questions.
  const from = at > 0 && (segments[at - 1] ?? '').endsWith('?') ? at - 1 : at;
  const closing = segments.slice(from, at + 1).join(' ');
  // "…Is that just how it is?" asks about what came before: the whole message is the question.
  if (REFERS_BACK.test(closing.split(CLAUSE).at(-1) ?? '')) return { focus: unitsOf(text), context: [], bareQuestion: false };
  const focus = unitsOf(closing);
  if (!focus.some(names)) return { focus: unitsOf(text), context: [], bareQuestion: true };
  const seen = new Set(focus.flatMap((u) => u.terms));
  const rest = segments.filter((_, i) => i < from || i > at).join(' ');
  const context = unitsOf(rest).filter((u) => !u.terms.some((t) => seen.has(t)) && !u.foreign);
  return { focus, context, bareQuestion: false };
}
