import { z } from 'zod';
import { defineRecord, type Records } from '../../state/records.js';
import { normalise, stripMarkup, tokenize } from './text.js';

/** A question not asked again for this long (ms) is forgotten. */
export const MISS_TTL_MS = 90 * 24 * 60 * 60 * 1000;
/** Distinct questions kept; the least asked, then the oldest, go first. */
const MAX_ENTRIES = 500;
/** Characters of a normalised question kept: enough to recognise it, short enough for a list. */
const MAX_TEXT = 120;

/** One record for all misses: `topics misses` needs them all at once. */
const MISSES = defineRecord({
  ns: 'knowledge-misses',
  key: () => 'all',
  lock: () => 'knowledge-misses:all',
  schema: z.object({ v: z.literal(1), entries: z.array(z.object({ text: z.string().max(MAX_TEXT), count: z.number().int().min(1), last: z.number() })).max(MAX_ENTRIES) }),
  ttlMs: MISS_TTL_MS,
});

export interface Miss {
  text: string;
  count: number;
  last: number;
}

/** Lower case words only: no markup, mentions, links or punctuation, so it is safe to list back. */
export function missKey(question: string): string {
  return tokenize(normalise(stripMarkup(question))).join(' ').slice(0, MAX_TEXT).trim();
}

/**
 * Counts a question that got "I don't know" or the clarifying reply, by its normalised text alone (no
 * user ids). A damaged record was backed up when read and counting starts again from empty.
 */
export async function recordMiss(records: Records, question: string, now: number): Promise<void> {
  const text = missKey(question);
  if (text === '') return;
  await records.update(MISSES, undefined, (found) => {
    const all = live(found.status === 'ok' ? found.value.entries : [], now);
    const before = all.find((e) => e.text === text);
    const entries = all.filter((e) => e !== before);
    entries.push({ text, count: (before?.count ?? 0) + 1, last: now });
    entries.sort(byCount);
    return { result: undefined, write: { v: 1 as const, entries: entries.slice(0, MAX_ENTRIES) } };
  });
}

/** The most often missed questions of the last 90 days, most frequent first. */
export async function topMisses(records: Records, now: number, limit: number): Promise<Miss[]> {
  const found = await records.read(MISSES, undefined);
  return live(found.status === 'ok' ? found.value.entries : [], now).slice(0, limit);
}

const byCount = (a: Miss, b: Miss) => b.count - a.count || b.last - a.last;

function live(entries: readonly Miss[], now: number): Miss[] {
  return entries.filter((e) => now - e.last < MISS_TTL_MS).sort(byCount);
}
