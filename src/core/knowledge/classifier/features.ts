import type { Analyzer } from '../analyze.js';

/** Character n-grams of these lengths, taken inside each word padded with spaces. */
const CHAR_GRAMS = [3, 4, 5] as const;

/**
 * The features a question or example is classified by: the index's own terms (stemmed words without stop
 * words, synonym phrases as their group), adjacent pairs of them, and character n-grams of every word. The
 * n-grams let a misspelt word ("frmaework") still share most of its features with the word it stands for.
 * `ws` are the text's words as the index reads them, misspellings of the base's words corrected. Features are
 * plain strings; the model maps the ones it kept to weights.
 */
export function featuresOf(ws: readonly string[], analyzer: Analyzer): string[] {
  const terms = analyzer.documentTerms(ws.join(' '), ws);
  const out = terms.map((t) => `w:${t}`);
  for (let i = 1; i < terms.length; i++) out.push(`b:${terms[i - 1]} ${terms[i]}`);
  for (const w of ws) {
    const padded = ` ${w} `;
    for (const n of CHAR_GRAMS) for (let i = 0; i + n <= padded.length; i++) out.push(`c:${padded.slice(i, i + n)}`);
  }
  return out;
}
