import type { Analyzer } from '../analyze.js';

/** Character n-grams of these lengths, taken inside each word padded with spaces. */
const CHAR_GRAMS = [3, 4, 5] as const;

/** A feature's group: an index term, a pair of adjacent terms, or a character n-gram. */
export type FeatureKind = 'w' | 'b' | 'c';

/**
 * The features a question or example is classified by: the index's own terms (stemmed words without stop
 * words, synonym phrases as their group), adjacent pairs of them, and character n-grams of every word. The
 * n-grams let a misspelt word ("frmaework") still share most of its features with the word it stands for.
 * `ws` are the text's words as the index reads them, misspellings of the base's words corrected. Each is
 * visited as its group and its text, repeats included, so that answering a question builds no feature names.
 */
export function visitFeatures(ws: readonly string[], analyzer: Analyzer, visit: (kind: FeatureKind, text: string) => void): void {
  const terms = analyzer.documentTerms(ws.join(' '), ws);
  for (const t of terms) visit('w', t);
  for (let i = 1; i < terms.length; i++) visit('b', `${terms[i - 1]} ${terms[i]}`);
  for (const w of ws) {
    const padded = ` ${w} `;
    for (const n of CHAR_GRAMS) for (let i = 0; i + n <= padded.length; i++) visit('c', padded.slice(i, i + n));
  }
}

/** The features' names ("w:…", "b:…", "c:…"), as training counts them and the model stores them. */
export function featuresOf(ws: readonly string[], analyzer: Analyzer): string[] {
  const out: string[] = [];
  visitFeatures(ws, analyzer, (kind, text) => out.push(`${kind}:${text}`));
  return out;
}

/** The group of a stored feature name. */
export const kindOf = (name: string): FeatureKind => name[0] as FeatureKind;

/** A stored feature name split back into its group and text. */
export function parseFeature(name: string): { kind: FeatureKind; text: string } {
  return { kind: kindOf(name), text: name.slice(2) };
}
