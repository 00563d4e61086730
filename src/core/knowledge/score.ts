import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import { LANGUAGE_OF, type Analyzer, type Language, type QueryUnit, type TermInfo } from './analyze.js';
import { focusOf } from './focus.js';
import { hintWords } from './hints.js';
import type { Topic } from './schema.js';

/**
 * Tuning, chosen on tests/knowledge/eval/dev.yaml. A question is answered only when the best entry
 * covers most of what the question is about (or at least three distinct ideas of a long question),
 * and does not leave out another subject the question names.
 */
export const SEARCH_TUNING = {
  boost: { title: 3, tags: 2.5, examples: 2, body: 1, correction: 0.5 },
  /** An entry naming the subject in its heading wins over a better-scored one only above this share of its score. */
  headingFloor: 0.3,
  /** A term in more than this share of entries says little ("article", "rust"). */
  weakDocumentShare: 0.4,
  /** Score multipliers for weak terms and for synonym-group terms (exact words count 1). */
  weakTermBoost: 0.3,
  synonymBoost: 0.7,
  /** The best entry must cover more than this share of the question's units… */
  minCoverage: 0.5,
  /** …or at least this many of them. */
  enoughUnits: 3,
  /**
   * The best entry must score at least this multiple of the next to be answered; closer, the question gets
   * "did you mean" with both. Held-out examples: 15 false answers fewer for 6 right ones at 1.1.
   */
  tieMargin: 1.1,
  /** A best entry this far ahead of the next, with this share covered and this score, is answered too. */
  clearCoverage: 0.5,
  clearScore: 100,
  clearMargin: 1.1,
  /** …or this far ahead with at least `nearCoverage` covered. */
  dominantScore: 150,
  dominantMargin: 1.8,
  /** The margin rules hold only when at most this many question words are unknown to every topic. */
  maxStrange: 1,
  /** Unknown words shorter than this are not counted as strange. */
  strangeLength: 5,
  /** Below the answer rule, a "did you mean" needs this share covered… */
  nearCoverage: 0.3,
  /** …and this score: a lone near-miss word in a body ("bread" for "broad") is nothing to ask back about. */
  nearScore: 20,
  /**
   * Score multiplier for a topic about the other language than the one the question names ("how old is
   * go" is not about Rust's origins); 0.4 did better than 0.6 on dev and on the examples held out.
   */
  otherLanguage: 0.4,
  /** Question units looked at; a pasted essay adds nothing beyond this. */
  maxUnits: 24,
  maxSuggestions: 3,
} as const;

export interface Explanation {
  /** The question's words and phrases after stop words; `inTop` = the best entry matches it. */
  units: Array<{ text: string; weak: boolean; foreign: boolean; inTop: boolean }>;
  results: Array<{ id: string; score: number; terms: string[] }>;
  /** Share of the deciding units that the best entry matches. */
  coverage: number;
  confident: boolean;
  /** Not confident, but the best entry matches part of the question: worth a "did you mean". */
  near: boolean;
  /** A subject the base does not cover that the best entry does not name either. */
  uncovered?: string | undefined;
  /** The question names such a subject, or a release no topic mentions. */
  outside: boolean;
  /** Terms of the deciding units, used to pick the answering sentences. */
  focusTerms: string[];
  /** A message whose closing question named nothing of its own ("…our setup. Rust or Go?"). */
  bareQuestion: boolean;
}


/** A version number ("1.75", "1.22.3"). */
const VERSION = /^\d+(?:\.\d+)+$/;

/** `weakTerms` get a small boost so that "rust" and "go" only break ties; only `approximate` terms match by prefix or fuzzily. */
function runSearch(
  search: MiniSearch<Topic>,
  analyzer: Analyzer,
  terms: TermInfo,
  units: readonly QueryUnit[],
  weakTerms: ReadonlySet<string>,
  approximate: ReadonlySet<string>,
): SearchResult[] {
  const all = [...new Set(units.flatMap((u) => u.terms))];
  return search.search(all.join(' '), {
    tokenize: (s) => s.split(' '),
    processTerm: (t) => t,
    boost: SEARCH_TUNING.boost,
    boostTerm: (t) => (weakTerms.has(t) ? SEARCH_TUNING.weakTermBoost : analyzer.isGroupTerm(t) ? SEARCH_TUNING.synonymBoost : 1),
    // A term some topic contains matches exactly; only unknown words of the question itself are worth the cost of
    // fuzzy matching, not those of a long message's preamble, which only breaks ties.
    prefix: (t) => approximate.has(t) && !analyzer.isGroupTerm(t) && t.length >= 4 && !terms.isKnown(t),
    fuzzy: (t) => (approximate.has(t) && !analyzer.isGroupTerm(t) && t.length >= 5 && !terms.isKnown(t) ? 0.2 : false),
    weights: { fuzzy: 0.5, prefix: 0.6 },
  });
}

/** A text's units, at most `maxUnits`, read with the words it implies (see hints.ts). */
function unitsReader(analyzer: Analyzer, terms: TermInfo): (text: string) => QueryUnit[] {
  return (t) => analyzer.queryUnits(`${t} ${hintWords(t)}`, terms).slice(0, SEARCH_TUNING.maxUnits);
}

/** The top score leads the second by a clear margin, with enough of the question covered. */
function clearLead(top: number, second: number, coverage: number): boolean {
  return (
    (coverage >= SEARCH_TUNING.clearCoverage && top >= SEARCH_TUNING.clearScore && top >= second * SEARCH_TUNING.clearMargin) ||
    (coverage >= SEARCH_TUNING.nearCoverage && top >= SEARCH_TUNING.dominantScore && top >= second * SEARCH_TUNING.dominantMargin)
  );
}

/** Scores a question against the index and decides how sure the best match is. */
export function createScorer(search: MiniSearch<Topic>, analyzer: Analyzer, terms: TermInfo, titleLanguage: (id: string) => Language | undefined) {
  const scoring: Scoring = { search, analyzer, terms, titleLanguage };
  const unitsOf = unitsReader(analyzer, terms);

  function explain(text: string): Explanation {
    const { focus, context, bareQuestion } = focusOf(text, unitsOf, (u) => !u.weak && u.terms.some((t) => terms.isKnown(t) || analyzer.isGroupTerm(t)));
    const judged = judge(scoring, focus, context, bareQuestion);
    // A closing question that nothing matches ("which are still good bets?") leans on what came before it.
    return judged.confident || judged.near || context.length === 0 ? judged : judge(scoring, unitsOf(text), [], bareQuestion);
  }
  return { explain };
}

interface Scoring {
  search: MiniSearch<Topic>;
  analyzer: Analyzer;
  terms: TermInfo;
  titleLanguage: (id: string) => Language | undefined;
}

/** Scores the focused question (its context only breaks ties) and decides how sure the best match is. */
function judge({ search, analyzer, terms, titleLanguage }: Scoring, focus: QueryUnit[], context: QueryUnit[], bareQuestion: boolean): Explanation {
  const strong = focus.filter((u) => !u.weak);
  // A question of weak words only ("rust vs go?") is judged on all of them and must match them all.
  const decisive = strong.length > 0 ? strong : focus.length >= 2 ? focus : [];
  const weakUnits = [...(strong.length > 0 ? focus.filter((u) => u.weak) : []), ...context];
  const weakTerms = new Set(weakUnits.flatMap((u) => u.terms));
  const results = decisive.length === 0 ? [] : preferLanguage(runSearch(search, analyzer, terms, [...focus, ...context], weakTerms, new Set(focus.flatMap((u) => u.terms))), focus, titleLanguage);
  const coveredBy = (r: SearchResult) => {
    const matched = new Set(r.queryTerms);
    // An uncovered subject is named only by its own vocabulary term: "vlang" fuzzily matching "lang" is not it.
    return decisive.filter((u) =>
      u.foreign ? !u.rival && u.terms.some((t) => analyzer.isGroupTerm(t) && t in r.match) : u.terms.some((t) => matched.has(t)),
    );
  };
  const isWeakTerm = (t: string) => weakTerms.has(t) || terms.isWeak(t);
  const top = bestOf(results, (r) => coveredBy(r).length, isWeakTerm);
  const covered = top ? coveredBy(top) : [];
  const coverage = decisive.length === 0 ? 0 : covered.length / decisive.length;
  const unknown = (u: QueryUnit) => u.terms.every((t) => !terms.isKnown(t));
  const missing = decisive.find((u) => u.foreign && !covered.includes(u));
  // A release no topic mentions ("rust 1.75") is a subject the base does not cover, whatever else matches.
  const outside = missing !== undefined || decisive.some((u) => VERSION.test(u.text) && unknown(u));
  const enough = strong.length > 0 ? coverage > SEARCH_TUNING.minCoverage || covered.length >= SEARCH_TUNING.enoughUnits : coverage === 1;
  // A single idea matched only in passing (in a body) is too thin to answer with; one too common in the
  // base to count in tags or examples ("fastest") still counts when the title is about it.
  const named = top !== undefined && (covered.length >= 2 || namesIn(top, HEADING, isWeakTerm) || namesIn(top, TITLE, (t) => weakTerms.has(t)));
  const ranked = top ? [top, ...results.filter((r) => r !== top)] : results;
  const second = ranked[1]?.score ?? 0;
  // Words no topic contains ("raspberry", "kubebuilder") are usually the real subject of an off-topic
  // question; short ones are more often chat spelling ("shud", "ppl", "thru").
  const strange = decisive.filter((u) => u.text.length >= SEARCH_TUNING.strangeLength && unknown(u)).length;
  // Half the question matched, but by a clear margin and with weight: examples make that a safe answer.
  const clear = top !== undefined && strange <= SEARCH_TUNING.maxStrange && clearLead(top.score, second, coverage);
  // Two entries scoring alike are a coin toss between them, better asked back than answered, unless
  // the better-scored one also covers more of the question's ideas.
  const runnerUp = ranked[1];
  const ahead =
    top !== undefined &&
    (!runnerUp || top.score >= second * SEARCH_TUNING.tieMargin || (top.score >= second && coveredBy(runnerUp).length < covered.length));
  const confident = top !== undefined && covered.length > 0 && !outside && (enough || clear) && named && ahead;
  return {
    units: [...focus, ...context].map((u) => ({ text: u.text, weak: u.weak, foreign: u.foreign, inTop: covered.includes(u) })),
    results: ranked.slice(0, 5).map((r) => ({ id: String(r.id), score: r.score, terms: r.queryTerms })),
    coverage,
    confident,
    near: !confident && !outside && covered.length > 0 && coverage >= SEARCH_TUNING.nearCoverage && (top?.score ?? 0) >= SEARCH_TUNING.nearScore,
    uncovered: missing?.subject,
    outside,
    focusTerms: decisive.flatMap((u) => u.terms),
    bareQuestion,
  };
}


/** The one language a text names (by its synonym group), or undefined for both or neither. */
export function languageOf(terms: Iterable<string>): Language | undefined {
  const named = new Set<Language>();
  for (const t of terms) {
    const l = LANGUAGE_OF[t];
    if (l) named.add(l);
  }
  return named.size === 1 ? [...named][0] : undefined;
}

/**
 * A question about one language ("explain go's concurrency model") prefers topics about that language
 * over the other's, where the plain scores are close.
 */
function preferLanguage(results: SearchResult[], focus: readonly QueryUnit[], titleLanguage: (id: string) => Language | undefined): SearchResult[] {
  const asked = languageOf(focus.flatMap((u) => u.terms));
  if (!asked) return results;
  return results
    .map((r) => (titleLanguage(String(r.id)) ?? asked) === asked ? r : { ...r, score: r.score * SEARCH_TUNING.otherLanguage })
    .sort((a, b) => b.score - a.score);
}

/** An entry that names the question's subject in its title, tags or examples beats one that only mentions it. */
function bestOf(results: readonly SearchResult[], covers: (r: SearchResult) => number, isWeakTerm: (t: string) => boolean): SearchResult | undefined {
  const top = results[0];
  if (!top || namesIn(top, HEADING, isWeakTerm)) return top;
  const need = covers(top);
  const floor = top.score * SEARCH_TUNING.headingFloor;
  return results.slice(1, 3).find((r) => r.score >= floor && namesIn(r, HEADING, isWeakTerm) && covers(r) >= need) ?? top;
}

/** An entry's heading: what it is about, as against its body, which may only mention a term. */
const HEADING: readonly string[] = ['title', 'tags', 'examples'];
const TITLE: readonly string[] = ['title'];

/** True when a matched term that is not weak occurs in one of the entry's `fields`. */
function namesIn(result: SearchResult, fields: readonly string[], isWeak: (term: string) => boolean): boolean {
  return Object.entries(result.match).some(([term, found]) => !isWeak(term) && found.some((f) => fields.includes(f)));
}
