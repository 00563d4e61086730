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
}

/**
 * Tuning, chosen on tests/knowledge/eval-set.yaml. A question is answered only when most of what it
 * is about is known to the knowledge base at all, and the best entry covers enough of it.
 */
export const SEARCH_TUNING = {
  boost: { title: 3, tags: 2.5, body: 1, correction: 0.5 },
  /** A term in more than this share of entries says little ("article", "rust"). */
  weakDocumentShare: 0.4,
  /** Score multiplier for weak terms and for synonym-group terms. */
  weakTermBoost: 0.1,
  synonymBoost: 0.7,
  /** At or above this share of question units unknown to every entry, the question is off-topic. */
  maxUnknownShare: 0.5,
  /** The best entry must match at least this share of the units the knowledge base knows. */
  minCoverage: 0.5,
  /** Question units looked at; a pasted essay adds nothing beyond this. */
  maxUnits: 24,
  maxSuggestions: 3,
} as const;

const EMPTY_VOCABULARY: Vocabulary = { groups: [], weak: [] };

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
  const isWeak = (term: string) => (documentFrequency.get(term) ?? 0) > weakLimit;

  function run(units: readonly QueryUnit[]): SearchResult[] {
    const terms = [...new Set(units.flatMap((u) => u.terms))];
    const weakTerms = new Set(units.filter((u) => u.weak).flatMap((u) => u.terms));
    return search.search(terms.join(' '), {
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      boost: SEARCH_TUNING.boost,
      boostTerm: (t) => (weakTerms.has(t) ? SEARCH_TUNING.weakTermBoost : analyzer.isGroupTerm(t) ? SEARCH_TUNING.synonymBoost : 1),
      prefix: (t) => !analyzer.isGroupTerm(t) && t.length >= 4,
      fuzzy: (t) => (!analyzer.isGroupTerm(t) && t.length >= 4 ? 0.2 : false),
      weights: { fuzzy: 0.5, prefix: 0.6 },
    });
  }

  function answer(question: string): Answer {
    const text = stripMarkup(String(question ?? '').slice(0, MAX_QUESTION_CHARS));
    const units = analyzer.queryUnits(text, isWeak).slice(0, SEARCH_TUNING.maxUnits);
    const strong = units.filter((u) => !u.weak);
    if (strong.length === 0) return { kind: 'unknown', suggestions: [] };
    const results = run(units);
    const top = results[0];
    const suggestions = () =>
      results.slice(0, SEARCH_TUNING.maxSuggestions).flatMap((r) => byId.get(String(r.id)) ?? []);
    if (!top) return { kind: 'unknown', suggestions: [] };

    const matchedAnywhere = new Set(results.flatMap((r) => r.queryTerms));
    const known = strong.filter((u) => u.terms.some((t) => matchedAnywhere.has(t)));
    const unknownShare = 1 - known.length / strong.length;
    const inTop = new Set(top.queryTerms);
    const covered = known.filter((u) => u.terms.some((t) => inTop.has(t))).length;
    const coverage = known.length === 0 ? 0 : covered / known.length;
    const topic = byId.get(String(top.id));
    if (!topic || unknownShare >= SEARCH_TUNING.maxUnknownShare || coverage < SEARCH_TUNING.minCoverage || covered === 0) {
      return { kind: 'unknown', suggestions: known.length > 0 ? suggestions() : [] };
    }
    const related = topic.related.flatMap((id) => byId.get(id) ?? []);
    return { kind: 'answer', topic, related, score: top.score };
  }

  return { answer, topics: [...topics], get: (id) => byId.get(id) };
}

function countDocumentFrequency(topics: readonly Topic[], terms: (text: string) => string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const t of topics) {
    const text = [t.title, t.tags.join(' . '), t.body, t.correction?.claim ?? '', t.correction?.fact ?? ''].join(' . ');
    for (const term of new Set(terms(text))) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return df;
}
