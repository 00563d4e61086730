import MiniSearch, { type SearchResult } from 'minisearch';
import { createAnalyzer, type QueryUnit } from './analyze.js';
import type { Topic, Vocabulary } from './schema.js';
import { MAX_QUESTION_CHARS, stripMarkup } from './text.js';

/** The reply to a question: one entry, or "I don't know" with the closest entries (possibly none). */
export type Answer =
  | { kind: 'answer'; topic: Topic; related: Topic[]; score: number }
  | { kind: 'unknown'; suggestions: Topic[] };

export interface KnowledgeIndex {
  answer(question: string): Answer;
  readonly topics: Topic[];
  get(id: string): Topic | undefined;
  /** How a question was read and scored; for maintainers tuning the vocabulary. */
  explain(question: string): Explanation;
}

export interface Explanation {
  /** The question's words and phrases after stop words; `inTop` = the best entry matches it. */
  units: Array<{ text: string; weak: boolean; foreign: boolean; inTop: boolean }>;
  results: Array<{ id: string; score: number; terms: string[] }>;
  /** Share of the deciding units that the best entry matches. */
  coverage: number;
  confident: boolean;
}

/**
 * Tuning, chosen on tests/knowledge/eval-set.yaml. A question is answered only when the best entry
 * covers most of what the question is about (or at least three distinct ideas of a long question),
 * and does not leave out another language or product the question names.
 */
export const SEARCH_TUNING = {
  boost: { title: 3, tags: 2.5, body: 1, correction: 0.5 },
  /** A term in more than this share of entries says little ("article", "rust"). */
  weakDocumentShare: 0.4,
  /** Score multipliers for weak terms and for synonym-group terms (exact words count 1). */
  weakTermBoost: 0.3,
  synonymBoost: 0.7,
  /** The best entry must cover more than this share of the question's units… */
  minCoverage: 0.5,
  /** …or at least this many of them. */
  enoughUnits: 3,
  /** Question units looked at; a pasted essay adds nothing beyond this. */
  maxUnits: 24,
  maxSuggestions: 3,
} as const;

const EMPTY_VOCABULARY: Vocabulary = { groups: [], weak: [], foreign: [] };

/** Builds the search index over the topics. Pure: no I/O; `vocabulary` comes from knowledge/synonyms.yaml. */
export function createKnowledgeIndex(topics: readonly Topic[], vocabulary: Vocabulary = EMPTY_VOCABULARY): KnowledgeIndex {
  const analyzer = createAnalyzer(vocabulary);
  const byId = new Map(topics.map((t) => [t.id, t]));
  const search = new MiniSearch<Topic>({
    fields: ['title', 'tags', 'body', 'correction'],
    extractField: (topic, field) => {
      if (field === 'tags') return topic.tags.join(' . ');
      if (field === 'correction') return topic.correction ? `${topic.correction.claim} ${topic.correction.fact}` : '';
      return String((topic as unknown as Record<string, unknown>)[field] ?? '');
    },
    tokenize: (text) => analyzer.documentTerms(text),
    processTerm: (term) => term,
  });
  search.addAll([...topics]);

  const documentFrequency = countDocumentFrequency(topics, analyzer.documentTerms);
  const weakLimit = Math.max(2, topics.length * SEARCH_TUNING.weakDocumentShare);
  const terms = {
    isWeak: (term: string) => (documentFrequency.get(term) ?? 0) > weakLimit,
    isKnown: (term: string) => documentFrequency.has(term),
  };

  /** `weakTerms` get a small boost so that "rust" and "go" only break ties. */
  function run(units: readonly QueryUnit[], weakTerms: ReadonlySet<string>): SearchResult[] {
    const all = [...new Set(units.flatMap((u) => u.terms))];
    return search.search(all.join(' '), {
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      boost: SEARCH_TUNING.boost,
      boostTerm: (t) => (weakTerms.has(t) ? SEARCH_TUNING.weakTermBoost : analyzer.isGroupTerm(t) ? SEARCH_TUNING.synonymBoost : 1),
      prefix: (t) => !analyzer.isGroupTerm(t) && t.length >= 4,
      fuzzy: (t) => (!analyzer.isGroupTerm(t) && t.length >= 5 ? 0.2 : false),
      weights: { fuzzy: 0.5, prefix: 0.6 },
    });
  }

  function explain(question: string): Explanation {
    const text = stripMarkup(String(question ?? '').slice(0, MAX_QUESTION_CHARS));
    const units = analyzer.queryUnits(text, terms).slice(0, SEARCH_TUNING.maxUnits);
    const strong = units.filter((u) => !u.weak);
    // A question of weak words only ("rust vs go?") is judged on all of them and must match them all.
    const decisive = strong.length > 0 ? strong : units.length >= 2 ? units : [];
    const weakTerms = new Set(strong.length > 0 ? units.filter((u) => u.weak).flatMap((u) => u.terms) : []);
    const results = decisive.length === 0 ? [] : run(units, weakTerms);
    const coveredBy = (r: SearchResult) => {
      const matched = new Set(r.queryTerms);
      return decisive.filter((u) => u.terms.some((t) => matched.has(t)));
    };
    const isWeakTerm = (t: string) => weakTerms.has(t) || terms.isWeak(t);
    // An entry that names the question's subject in its title or tags beats one that only mentions it.
    let top = results[0];
    if (top && !namesInHeading(top, isWeakTerm)) {
      const need = coveredBy(top).length;
      top = results.slice(1, 3).find((r) => namesInHeading(r, isWeakTerm) && coveredBy(r).length >= need) ?? top;
    }
    const covered = top ? coveredBy(top) : [];
    const coverage = decisive.length === 0 ? 0 : covered.length / decisive.length;
    const missesForeign = decisive.some((u) => u.foreign && !covered.includes(u));
    const enough = strong.length > 0 ? coverage > SEARCH_TUNING.minCoverage || covered.length >= SEARCH_TUNING.enoughUnits : coverage === 1;
    // A single idea matched only in passing (in a body) is too thin to answer with.
    const named = top !== undefined && (covered.length >= 2 || namesInHeading(top, isWeakTerm));
    const ranked = top ? [top, ...results.filter((r) => r !== top)] : results;
    return {
      units: units.map((u) => ({ text: u.text, weak: u.weak, foreign: u.foreign, inTop: covered.includes(u) })),
      results: ranked.slice(0, 5).map((r) => ({ id: String(r.id), score: r.score, terms: r.queryTerms })),
      coverage,
      confident: top !== undefined && covered.length > 0 && !missesForeign && enough && named,
    };
  }

  function answer(question: string): Answer {
    const e = explain(question);
    const ranked = e.results.flatMap((r) => byId.get(r.id) ?? []);
    const topic = ranked[0];
    if (!e.confident || !topic) {
      return { kind: 'unknown', suggestions: ranked.slice(0, SEARCH_TUNING.maxSuggestions) };
    }
    const related = topic.related.flatMap((id) => byId.get(id) ?? []);
    return { kind: 'answer', topic, related, score: e.results[0]?.score ?? 0 };
  }

  return { answer, explain, topics: [...topics], get: (id) => byId.get(id) };
}

/** True when a non-weak matched term occurs in the entry's title or tags. */
function namesInHeading(result: SearchResult, isWeak: (term: string) => boolean): boolean {
  return Object.entries(result.match).some(
    ([term, fields]) => !isWeak(term) && fields.some((f) => f === 'title' || f === 'tags'),
  );
}

function countDocumentFrequency(topics: readonly Topic[], terms: (text: string) => string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const t of topics) {
    const text = [t.title, t.tags.join(' . '), t.body, t.correction?.claim ?? '', t.correction?.fact ?? ''].join(' . ');
    for (const term of new Set(terms(text))) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return df;
}
