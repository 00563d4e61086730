import type { Vocabulary } from './schema.js';
import { STOP_WORDS } from './stopwords.js';
import { words } from './text.js';

/** Index terms standing for a whole synonym group start with this character, which no word contains. */
const GROUP_MARK = '~';

/** One idea in a question: a word, or a phrase from the synonym table ("garbage collector"). */
export interface QueryUnit {
  /** What the user typed, normalised. */
  readonly text: string;
  /** The terms searched for it: the word itself and/or its synonym group's term. */
  readonly terms: readonly string[];
  /** Words such as "rust" and "go" that occur in nearly every question. */
  readonly weak: boolean;
}

export interface Analyzer {
  /** Index terms of a document field: its words (without stop words) plus one term per synonym group it mentions. */
  documentTerms(text: string): string[];
  /** The question's units, in order, without stop words; duplicates removed. */
  queryUnits(text: string, isWeak: (term: string) => boolean): QueryUnit[];
  isGroupTerm(term: string): boolean;
}

interface Phrase {
  readonly words: readonly string[];
  readonly group: string;
}

/** Builds the word/phrase → synonym-group tables once. */
export function createAnalyzer(vocabulary: Vocabulary): Analyzer {
  const phrases = new Map<string, Phrase[]>();
  const weakWords = new Set(vocabulary.weak.flatMap((w) => words(w)));
  const weakGroups = new Set<string>();
  vocabulary.groups.forEach((members, gi) => {
    const group = `${GROUP_MARK}${words(members[0] ?? String(gi)).join('_') || gi}`;
    for (const member of members) {
      const ws = words(member);
      const first = ws[0];
      if (!first) continue;
      if (ws.length === 1 && weakWords.has(first)) weakGroups.add(group);
      const list = phrases.get(first) ?? [];
      list.push({ words: ws, group });
      phrases.set(first, list);
    }
  });
  for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);

  const longestAt = (ws: readonly string[], i: number): Phrase | undefined =>
    phrases.get(ws[i] ?? '')?.find((p) => p.words.every((w, k) => ws[i + k] === w));

  return {
    documentTerms(text) {
      const ws = words(text);
      const out: string[] = [];
      ws.forEach((w, i) => {
        if (!STOP_WORDS.has(w)) out.push(w);
        for (const p of phrases.get(w) ?? []) {
          if (p.words.every((x, k) => ws[i + k] === x)) out.push(p.group);
        }
      });
      return out;
    },
    queryUnits(text, isWeak) {
      const ws = words(text);
      const units: QueryUnit[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < ws.length; ) {
        const phrase = longestAt(ws, i);
        if (phrase && phrase.words.length > 1) {
          const unitText = phrase.words.join(' ');
          i += phrase.words.length;
          if (seen.has(phrase.group)) continue;
          seen.add(phrase.group);
          units.push({ text: unitText, terms: [phrase.group], weak: weakGroups.has(phrase.group) || isWeak(phrase.group) });
          continue;
        }
        const w = ws[i] ?? '';
        i += 1;
        if (STOP_WORDS.has(w) || seen.has(w) || (phrase && seen.has(phrase.group))) continue;
        seen.add(w);
        const terms = phrase ? [w, phrase.group] : [w];
        if (phrase) seen.add(phrase.group);
        const weak = weakWords.has(w) || (phrase !== undefined && weakGroups.has(phrase.group)) || terms.every(isWeak);
        units.push({ text: w, terms, weak });
      }
      return units;
    },
    isGroupTerm: (term) => term.startsWith(GROUP_MARK),
  };
}
