/** Most sentences an answer leads with; the rest of the card is behind "More". */
export const MAX_LEAD = 3;

/**
 * The body sentences that answer a question: the best-matching sentence and any other that matches
 * nearly as well, up to three, in body order. A lone match brings the sentence after it (or before, at the
 * end), since one sentence out of context rarely answers; with no match at all, the opening two sentences.
 */
export function pickLead(sentences: ReadonlyArray<ReadonlySet<string>>, focus: ReadonlySet<string>, isWeak: (t: string) => boolean): number[] {
  const scores = sentences.map((terms) => {
    let score = 0;
    for (const t of focus) if (terms.has(t)) score += isWeak(t) ? 0.2 : 1;
    return score;
  });
  const best = Math.max(0, ...scores);
  if (best < 1) return sentences.slice(0, 2).map((_, i) => i);
  const chosen = scores
    .map((score, i) => ({ score, i }))
    .filter((s) => s.score >= best * 0.75)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, MAX_LEAD)
    .map((s) => s.i);
  if (chosen.length === 1) {
    const only = chosen[0] ?? 0;
    const next = only + 1 < sentences.length ? only + 1 : only - 1;
    if (next >= 0 && next !== only) chosen.push(next);
  }
  return chosen.sort((a, b) => a - b);
}
