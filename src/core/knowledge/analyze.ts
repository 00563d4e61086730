import type { Vocabulary } from './schema.js';
import { stem as porter2 } from 'porter2';
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
  /** Another language or product the knowledge base does not cover ("python", "zig"). */
  readonly foreign: boolean;
  /** For a foreign unit, the vocabulary's name for it (never the user's spelling). */
  readonly subject?: string | undefined;
  /**
   * A foreign unit set against Rust or Go as the choice ("c++ vs rust for hft"): no entry answers that
   * comparison, even one that names the other language in passing.
   */
  readonly rival?: boolean;
}

/**
 * Words around another language that make it the asker's background, not the subject: "a java dev", "our
 * python background", "coming from c#", "ex-c++ folks". Such a question is still about Rust or Go.
 */
const BACKGROUND_AFTER = new Set(['person', 'user', 'coder', 'grad', 'graduate', 'dev', 'devs', 'developer', 'programmer', 'engineer', 'background', 'shop', 'folk', 'folks', 'people', 'guy', 'guys', 'veteran', 'experience', 'team']);
const BACKGROUND_BEFORE = new Set(['ex', 'former', 'know', 'knows', 'knew', 'like', 'mostly']);
/** "coming from java" is a background; "different from java" is a comparison with it. */
const COMING = new Set(['coming', 'come', 'came', 'switching', 'moving', 'migrating']);
/** "how fast is rust compared to node": the other language is the yardstick, the question is about Rust. */
const COMPARED = new Set(['compared', 'compare', 'comparing']);

function isBackground(ws: readonly string[], start: number, end: number): boolean {
  const before = ws[start - 1] ?? '';
  const twoBefore = ws[start - 2] ?? '';
  return (
    BACKGROUND_AFTER.has(ws[end] ?? '') ||
    BACKGROUND_BEFORE.has(before) ||
    (before === 'from' && COMING.has(twoBefore)) ||
    ((before === 'to' || before === 'with') && COMPARED.has(twoBefore))
  );
}

export type Language = 'rust' | 'go';
/** The synonym groups of the two languages (the vocabulary's `[rust, rustlang, …]` and `[go, golang, …]`). */
export const LANGUAGE_OF: Readonly<Record<string, Language>> = { [`${GROUP_MARK}rust`]: 'rust', [`${GROUP_MARK}go`]: 'go' };

const CHOICE_WORDS = new Set(['vs', 'versus', 'or']);

/** The other language or product stands before or after "vs"/"or" and one of the two languages. */
function isRival(tables: Tables, ws: readonly string[], start: number, end: number): boolean {
  const ours = (w: string | undefined) => LANGUAGE_OF[tables.singleMembers.get(w ?? '') ?? ''] !== undefined;
  const after = CHOICE_WORDS.has(ws[end] ?? '') && ours(ws[end + 1]);
  return after || (CHOICE_WORDS.has(ws[start - 1] ?? '') && ours(ws[start - 2]));
}

/** A year ("still true in 2026?") sets the scene; it does not pick an entry. */
const YEAR = /^(?:19|20)\d\d$/;

/** What the index knows about terms, used to read a question. */
export interface TermInfo {
  /** Occurs in so many entries that it says little. */
  isWeak: (term: string) => boolean;
  /** Occurs in at least one entry. */
  isKnown: (term: string) => boolean;
  /** The base's word that an unknown word is a misspelling of, if any (see spelling.ts). */
  correct?: (word: string) => string | undefined;
}

export interface Analyzer {
  /**
   * Index terms of a document field: its words without stop words, where a synonym phrase
   * ("standard library") becomes its group term (plus the groups of its words) instead of its words.
   */
  documentTerms(text: string, ws?: readonly string[]): string[];
  /** The question's units, in order, without stop words and duplicates. */
  queryUnits(text: string, info: TermInfo): QueryUnit[];
  /** The text's words, each misspelling of a word the base knows replaced by that word. */
  spelledWords(text: string, info: TermInfo): string[];
  isGroupTerm(term: string): boolean;
}

interface Phrase {
  readonly words: readonly string[];
  readonly group: string;
}

/** The word/phrase → synonym-group tables, built once from the vocabulary. */
interface Tables {
  readonly phrases: ReadonlyMap<string, Phrase[]>;
  readonly singleMembers: ReadonlyMap<string, string>;
  readonly weakWords: ReadonlySet<string>;
  readonly weakGroups: ReadonlySet<string>;
  /** Group term of an uncovered subject → the name said back to the user. */
  readonly subjects: ReadonlyMap<string, string>;
}

function buildTables(vocabulary: Vocabulary): Tables {
  const phrases = new Map<string, Phrase[]>();
  const singleMembers = new Map<string, string>();
  const weakWords = new Set(vocabulary.weak.flatMap((w) => words(w)));
  const weakGroups = new Set<string>();
  const subjects = new Map<string, string>();
  const uncovered = Object.values(vocabulary.uncovered).flat();
  const groups = [...vocabulary.groups, ...uncovered];
  groups.forEach((members, gi) => {
    const group = `${GROUP_MARK}${words(members[0] ?? '').join('_') || gi}`;
    if (gi >= vocabulary.groups.length) subjects.set(group, members[0] ?? '');
    for (const member of members) {
      const ws = words(member);
      const first = ws[0];
      if (!first) continue;
      if (ws.length === 1) {
        singleMembers.set(first, group);
        if (weakWords.has(first)) weakGroups.add(group);
      }
      const list = phrases.get(first) ?? [];
      list.push({ words: ws, group });
      phrases.set(first, list);
    }
  });
  for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { phrases, singleMembers, weakWords, weakGroups, subjects };
}

/** The longest synonym phrase starting at word `i`, if any. */
function longestAt(tables: Tables, ws: readonly string[], i: number): Phrase | undefined {
  return tables.phrases.get(ws[i] ?? '')?.find((p) => p.words.every((w, k) => ws[i + k] === w));
}

function documentTerms(tables: Tables, ws: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; ) {
    const phrase = longestAt(tables, ws, i);
    if (phrase) out.push(phrase.group);
    if (phrase && phrase.words.length > 1) {
      // "standard library" is not about libraries in general: keep only the groups of its words.
      for (const w of phrase.words) {
        const group = tables.singleMembers.get(w);
        if (group && group !== phrase.group) out.push(group);
      }
      i += phrase.words.length;
      continue;
    }
    const w = ws[i] ?? '';
    if (!STOP_WORDS.has(w)) out.push(stem(w));
    i += 1;
  }
  return out;
}

/** The question's words, with each misspelling of a word the base knows replaced by that word. */
function spelled(tables: Tables, text: string, info: TermInfo): string[] {
  return words(text).map((w) => {
    if (!info.correct || STOP_WORDS.has(w) || tables.phrases.has(w) || !/^[a-z]+$/.test(w) || info.isKnown(stem(w))) return w;
    return info.correct(w) ?? w;
  });
}

function queryUnits(tables: Tables, text: string, info: TermInfo): QueryUnit[] {
  const { weakGroups, weakWords, subjects } = tables;
  const ws = spelled(tables, text, info);
  const units: QueryUnit[] = [];
  const seen = new Set<string>();
  const add = (unitText: string, terms: string[], weak: boolean, group: string | undefined, start: number, end: number) => {
    if (terms.some((t) => seen.has(t))) return;
    for (const t of terms) seen.add(t);
    const subject = group === undefined ? undefined : subjects.get(group);
    const foreign = subject !== undefined;
    units.push({ text: unitText, terms, weak, foreign, subject, rival: foreign && isRival(tables, ws, start, end) });
  };
  for (let i = 0; i < ws.length; ) {
    const phrase = longestAt(tables, ws, i);
    if (phrase && phrase.words.length > 1) {
      const start = i;
      const background = subjects.has(phrase.group) && isBackground(ws, i, i + phrase.words.length);
      i += phrase.words.length;
      const weak = background || weakGroups.has(phrase.group) || info.isWeak(phrase.group);
      add(phrase.words.join(' '), [phrase.group], weak, background ? undefined : phrase.group, start, i);
      continue;
    }
    const w = ws[i] ?? '';
    i += 1;
    if (STOP_WORDS.has(w)) continue;
    const s = stem(w);
    const group = phrase?.group;
    const terms = group ? [s, group] : [s];
    const background = group !== undefined && subjects.has(group) && isBackground(ws, i - 1, i);
    const weak =
      background || YEAR.test(w) || weakWords.has(w) || (group !== undefined && weakGroups.has(group)) || terms.every((t) => info.isWeak(t));
    add(w, terms, weak, background ? undefined : group, i - 1, i);
  }
  return units;
}

/** Builds the word/phrase → synonym-group tables once. */
export function createAnalyzer(vocabulary: Vocabulary): Analyzer {
  const tables = buildTables(vocabulary);
  return {
    documentTerms: (text, ws) => documentTerms(tables, ws ?? words(text)),
    queryUnits: (text, info) => queryUnits(tables, text, info),
    spelledWords: (text, info) => spelled(tables, text, info),
    isGroupTerm: (term) => term.startsWith(GROUP_MARK),
  };
}

/**
 * Porter2 (Snowball English) stemming (`compiling`, `compiled` → `compil`) after the plural fold. Porter2
 * rather than the original Porter: it keeps `generics`, `generally` and `generational` apart (Porter gives
 * `gener` for all three), and measured faster. Stop words are checked on the unstemmed word all the same,
 * since stems still collide across meanings.
 */
function stem(word: string): string {
  let found = stems.get(word);
  if (found === undefined) {
    found = /^[a-z]+$/.test(word) ? porter2(word) : word;
    if (stems.size < MAX_CACHED_STEMS) stems.set(word, found);
  }
  return found;
}

/** Stems are cached: the same few thousand words recur in every question and every index build. */
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 20_000;
