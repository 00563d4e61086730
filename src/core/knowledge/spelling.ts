/**
 * Typo correction against the words the knowledge base itself uses ("latnecy" → "latency",
 * "gorutines" → "goroutine"). Only a word that no topic knows is corrected, to the nearest word of the
 * base that starts with the same letter (typos rarely touch the first), within one edit for short words
 * and two for long ones; a swap of two neighbouring letters counts as one edit.
 */
export interface Speller {
  /** The base's word this one is most likely a misspelling of, or undefined. */
  correct: (word: string) => string | undefined;
}

/**
 * Shortest word corrected, and then only for two swapped letters (see ANY_EDIT_FROM): a misspelt plural
 * is folded before it is corrected, so "raecs" arrives as "raec" and must still become "race".
 */
const MIN_LENGTH = 4;
/**
 * Below this length only two swapped letters are corrected: one changed, added or dropped letter more
 * often makes another real word ("bread" → "broad") than a typo.
 */
const ANY_EDIT_FROM = 6;
/** From this length on, two edits are allowed. */
const TWO_EDITS_FROM = 8;

/**
 * Corrections remembered, word by word: a word no topic knows is compared with every base word of its initial,
 * and each question is read twice (by the scorer and by the classifier). Past this many the memory starts over.
 */
const REMEMBERED_WORDS = 10_000;

/** `counts`: the base's words (folded, not stemmed) and how often they occur; the commoner wins a tie. */
export function createSpeller(counts: ReadonlyMap<string, number>): Speller {
  const byInitial = new Map<string, Array<[string, number]>>();
  for (const entry of counts) {
    if (entry[0].length < MIN_LENGTH) continue;
    const list = byInitial.get(entry[0][0] ?? '') ?? [];
    list.push(entry);
    byInitial.set(entry[0][0] ?? '', list);
  }
  const remembered = new Map<string, string | undefined>();
  function nearest(word: string): string | undefined {
    const max = word.length >= TWO_EDITS_FROM ? 2 : 1;
    let best: { word: string; distance: number; count: number } | undefined;
    for (const [candidate, count] of byInitial.get(word[0] ?? '') ?? []) {
      if (Math.abs(candidate.length - word.length) > max) continue;
      if (word.length < ANY_EDIT_FROM && !swapped(candidate, word)) continue;
      const distance = editDistance(candidate, word, max);
      if (distance > max) continue;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count)) best = { word: candidate, distance, count };
    }
    return best?.word;
  }
  return {
    correct(word) {
      if (word.length < MIN_LENGTH || counts.has(word)) return undefined;
      if (remembered.has(word)) return remembered.get(word);
      if (remembered.size >= REMEMBERED_WORDS) remembered.clear();
      const found = nearest(word);
      remembered.set(word, found);
      return found;
    },
  };
}

/** True when `b` is `a` with two neighbouring letters swapped. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), giving up (returning max + 1)
 * once it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (before[j - 2] ?? 0) + 1);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    before = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}
