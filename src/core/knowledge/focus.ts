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

/**
 * For a message of several sentences, the last one that asks something (else the last one) decides,
 * provided it `names` something the topics know; "which are still good bets?" leaves the whole message in charge.
 */
export function focusOf(text: string, unitsOf: (text: string) => QueryUnit[], names: (u: QueryUnit) => boolean): Focus {
  const segments = text.split(SEGMENT).map((s) => s.trim()).filter(Boolean);
  if (segments.length < 2) return { focus: unitsOf(text), context: [], bareQuestion: false };
  const asked = segments.findLastIndex((s) => s.includes('?'));
  const at = asked >= 0 ? asked : segments.length - 1;
  const focus = unitsOf(segments[at] ?? '');
  if (!focus.some(names)) return { focus: unitsOf(text), context: [], bareQuestion: true };
  const seen = new Set(focus.flatMap((u) => u.terms));
  const rest = segments.filter((_, i) => i !== at).join(' ');
  const context = unitsOf(rest).filter((u) => !u.terms.some((t) => seen.has(t)) && !u.foreign);
  return { focus, context, bareQuestion: false };
}
