import MiniSearch from 'minisearch';
import { createAnalyzer, type TermInfo } from './analyze.js';
import { readDecision, type Factor } from './decision.js';
import { createCardReader } from './cards.js';
import { createClassifier, type ClassifierData, type TextReader } from './classifier/classifier.js';
import { choose, specificTopic, type CombineTuning } from './classifier/combine.js';
import { looksLikeInstructions } from './instructions.js';
import { languageCheck } from './language.js';
import { createMemo, memoKey } from './memo.js';
import type { Topic, Vocabulary } from './schema.js';
import { createScorer, languageOf, SEARCH_TUNING, type Explanation } from './score.js';
import { createSpeller } from './spelling.js';
import { STOP_WORDS } from './stopwords.js';
import { MAX_QUESTION_CHARS, normalise, stripMarkup, tokenize, words } from './text.js';

/**
 * The reply to a question. `answer`: lead with the body sentences at `lead`; `clarify`: a near match,
 * offered as "did you mean"; `uncovered`: the question is about `subject`, which the base does not cover;
 * `decision`: a described service, read for the factors it states; `unknown`: nothing close.
 */
export type Answer =
  | {
      kind: 'answer';
      topic: Topic;
      related: Topic[];
      score: number;
      /** Indexes into the topic's body sentences that answer this question, in body order. */
      lead: number[];
      /** The question touches the claim the topic corrects. */
      correction: boolean;
      /** What the topic says against a belief the question carries; said first. */
      premise?: string | undefined;
    }
  | { kind: 'clarify'; suggestions: Topic[] }
  | { kind: 'uncovered'; subject: string; suggestions: Topic[] }
  | { kind: 'decision'; factors: Factor[]; topic?: Topic | undefined }
  | { kind: 'unknown'; suggestions: Topic[] };

export { SEARCH_TUNING, type Explanation } from './score.js';

export interface KnowledgeIndex {
  answer(question: string): Answer;
  readonly topics: Topic[];
  get(id: string): Topic | undefined;
  /** How a question was read and scored; for maintainers tuning the vocabulary. */
  explain(question: string): Explanation;
}

const EMPTY_VOCABULARY: Vocabulary = { groups: [], weak: [], uncovered: {} };
const FIELDS = ['title', 'tags', 'examples', 'body', 'correction'] as const;
const CURATED_FIELDS = FIELDS.filter((f) => f !== 'examples');
const DEFAULT_MEMO_SIZE = 500;
/** The topic the decision read stands for, when it is loaded. */
const DECISION_TOPIC = 'decision-checklist';

export interface IndexOptions {
  /** Answers remembered by normalised question (default 500; 0 turns the memo off, as the benchmark does). */
  memoSize?: number;
  /** A trained topic classifier (see classifier/); without one, the scorer alone decides. */
  classifier?: ClassifierData | undefined;
  /** Thresholds for combining it with the scorer (default COMBINE_TUNING); the cross-validation varies them. */
  combine?: CombineTuning;
}

/** Builds the search index over the topics. Pure: no I/O; `vocabulary` comes from knowledge/synonyms.yaml. */
export function createKnowledgeIndex(topics: readonly Topic[], vocabulary: Vocabulary = EMPTY_VOCABULARY, options: IndexOptions = {}): KnowledgeIndex {
  const byId = new Map(topics.map((t) => [t.id, t]));
  const { analyzer, terms, documentTerms, reader } = readingOf(topics, vocabulary);
  const search = new MiniSearch<Topic>({
    fields: [...FIELDS],
    extractField: (topic, field) => fieldText(topic, field),
    tokenize: documentTerms,
    processTerm: (term) => term,
  });
  search.addAll([...topics]);
  const premises = topics.flatMap((topic) => topic.premises.map((p) => ({ topic, says: p.says, when: p.when.map(phraseKey) })));

  const cards = createCardReader(topics, documentTerms, terms.isWeak);
  const languages = new Map(topics.map((t) => [t.id, languageOf(documentTerms(t.title))]));
  const scorer = createScorer(search, analyzer, terms, (id) => languages.get(id));
  const decisionTopic = byId.get(DECISION_TOPIC);
  const classifier = options.classifier && createClassifier(options.classifier, reader);
  const looksNonEnglish = languageCheck(topics.flatMap((t) => FIELDS.map((f) => fieldText(t, f))));
  const choosing = new Set(decisionTopic ? [decisionTopic.title, ...decisionTopic.tags].flatMap(documentTerms) : []);

  function answer(raw: string): Answer {
    const text = stripMarkup(raw);
    if (looksNonEnglish(text) || looksLikeInstructions(text)) return { kind: 'unknown', suggestions: [] };
    const key = phraseKey(text);
    const premise = premises.find((p) => p.when.some((w) => key.includes(w)));
    const e = scorer.explain(text);
    const ranked = e.results.flatMap((r) => byId.get(r.id) ?? []);
    const factors = premise ? undefined : readDecision(text);
    // A described service is read for its factors unless a specific topic answers what it asks; a closing
    // "rust or go?" asks nothing but the choice, however well the preamble matches some other topic.
    const asksOnlyToChoose = e.focusTerms.length > 0 && e.focusTerms.every((t) => choosing.has(t));
    const readsAsDecision = factors !== undefined && (!e.confident || asksOnlyToChoose || (e.bareQuestion && e.coverage < SEARCH_TUNING.minCoverage) || ranked[0]?.id === DECISION_TOPIC);
    const specific = readsAsDecision ? specificTopic(ranked, classifier, text, DECISION_TOPIC, options.combine) : undefined;
    if (readsAsDecision && !specific) return { kind: 'decision', factors, topic: byId.get(DECISION_TOPIC) };
    const suggestions = ranked.slice(0, SEARCH_TUNING.maxSuggestions);
    const choice = premise || specific ? undefined : choose(e, ranked, classifier, text, options.combine);
    const topic = premise?.topic ?? specific ?? (choice?.kind === 'answer' ? choice.topic : undefined);
    if (!topic) {
      if (e.uncovered) return { kind: 'uncovered', subject: e.uncovered, suggestions: suggestions.slice(0, 1) };
      if (choice?.kind === 'doubt') return { kind: 'clarify', suggestions: disputed(choice.between, ranked) };
      return e.near ? { kind: 'clarify', suggestions } : { kind: 'unknown', suggestions };
    }
    return {
      kind: 'answer',
      topic,
      related: topic.related.flatMap((id) => byId.get(id) ?? []),
      score: e.results.find((r) => r.id === topic.id)?.score ?? 0,
      ...cards.read(topic, new Set(e.focusTerms), premise !== undefined),
      premise: premise?.says,
    };
  }

  /** The topics in dispute first, then the scorer's. */
  function disputed(between: readonly string[], ranked: readonly Topic[]): Topic[] {
    const offered = [...between.flatMap((id) => byId.get(id) ?? []), ...ranked];
    return offered.filter((t, i) => offered.indexOf(t) === i).slice(0, SEARCH_TUNING.maxSuggestions);
  }

  return { answer: remembering(answer, options.memoSize ?? DEFAULT_MEMO_SIZE), explain: (q) => scorer.explain(stripMarkup(readLength(q))), topics: [...topics], get: (id) => byId.get(id) };
}

/** How the index reads the topics and questions: the analyzer, what it knows of terms, and its speller. */
function readingOf(topics: readonly Topic[], vocabulary: Vocabulary) {
  const analyzer = createAnalyzer(vocabulary);
  // Each field is read several times while building (index, document frequency, spelling): split and analyse it once.
  const wordsOf = cached(words);
  const documentTerms = cached((text) => analyzer.documentTerms(text, wordsOf(text)));
  const terms = termInfo(topics, documentTerms, wordCounts(topics, vocabulary, wordsOf));
  const reader: TextReader = { analyzer, words: (text) => analyzer.spelledWords(text, terms) };
  return { analyzer, terms, documentTerms, reader };
}

/** The reader a classifier for these topics learns and is asked through: the index's own, so both read alike. */
export const textReader = (topics: readonly Topic[], vocabulary: Vocabulary = EMPTY_VOCABULARY): TextReader => readingOf(topics, vocabulary).reader;

/** `answer` behind a memo; the question is cut to its longest read length once, here. */
function remembering(answer: (raw: string) => Answer, size: number): (question: string) => Answer {
  const memo = createMemo<Answer>(size);
  return (question) => {
    const raw = readLength(question);
    const key = memoKey(raw);
    let found = memo.get(key);
    if (!found) memo.set(key, (found = frozen(answer(raw))));
    return found;
  };
}

/** The part of a question that is read: a pasted wall of text adds nothing past MAX_QUESTION_CHARS. */
const readLength = (question: string): string => String(question ?? '').slice(0, MAX_QUESTION_CHARS);

/** A remembered answer is handed to every caller that asks the same: none may change it. */
function frozen(a: Answer): Answer {
  for (const value of Object.values(a)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(a);
}

/**
 * What is known and what is weak. Examples repeat the everyday words of questions ("faster", "worth"), so
 * they decide what is known but not what is weak: weakness is measured on the curated fields alone.
 */
function termInfo(topics: readonly Topic[], documentTerms: (text: string) => string[], wordCounts: ReadonlyMap<string, number>): TermInfo {
  const documentFrequency = countDocumentFrequency(topics, documentTerms, CURATED_FIELDS);
  const known = new Set(topics.flatMap((t) => documentTerms(t.examples.join(' . '))));
  const weakLimit = Math.max(2, topics.length * SEARCH_TUNING.weakDocumentShare);
  return {
    isWeak: (term: string) => (documentFrequency.get(term) ?? 0) > weakLimit,
    isKnown: (term: string) => documentFrequency.has(term) || known.has(term),
    correct: createSpeller(wordCounts).correct,
  };
}

/** Every word of the topics and of the vocabulary (which names the uncovered subjects too), with its count. */
function wordCounts(topics: readonly Topic[], vocabulary: Vocabulary, wordsOf: (text: string) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const texts = [
    ...topics.flatMap((t) => FIELDS.map((f) => fieldText(t, f))),
    ...vocabulary.groups.flat(),
    ...Object.values(vocabulary.uncovered).flat(2),
  ];
  for (const text of texts) for (const w of wordsOf(text)) if (!STOP_WORDS.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  // A misspelt filler word ("shuold", "becuase") is read as that word and dropped, not kept as a strange one;
  // at count 0 it loses every tie to a word of the base.
  for (const w of STOP_WORDS) if (!counts.has(w)) counts.set(w, 0);
  return counts;
}

function fieldText(topic: Topic, field: string): string {
  if (field === 'tags') return topic.tags.join(' . ');
  if (field === 'examples') return topic.examples.join(' . ');
  if (field === 'correction') return topic.correction ? `${topic.correction.claim} ${topic.correction.fact}` : '';
  const value = (topic as unknown as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : '';
}

/** `f` remembering its result per text. */
function cached<T>(f: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let found = seen.get(text);
    if (found === undefined) seen.set(text, (found = f(text)));
    return found;
  };
}

/** Words joined by single spaces and padded, so `includes(" rust gc ")` matches whole words only. */
function phraseKey(text: string): string {
  return ` ${tokenize(normalise(text)).join(' ')} `;
}

function countDocumentFrequency(topics: readonly Topic[], terms: (text: string) => string[], fields: readonly string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const t of topics) {
    for (const term of new Set(fields.flatMap((f) => terms(fieldText(t, f))))) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return df;
}
