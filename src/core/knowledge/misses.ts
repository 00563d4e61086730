import { z } from 'zod';
import { readRecord } from '../../state/records.js';
import type { Store } from '../../state/store.js';
import { normalise, stripMarkup, tokenize } from './text.js';

/** One record for all misses: the store has no listing, and `topics misses` needs them all at once. */
const NS = 'knowledge-misses';
const KEY = 'all';
/** A question not asked again for this long (ms) is forgotten. */
export const MISS_TTL_MS = 90 * 24 * 60 * 60 * 1000;
/** Distinct questions kept; the least asked, then the oldest, go first. */
const MAX_ENTRIES = 500;
/** Characters of a normalised question kept: enough to recognise it, short enough for a list. */
const MAX_TEXT = 120;

const entrySchema = z.object({ text: z.string().max(MAX_TEXT), count: z.number().int().min(1), last: z.number() });
const recordSchema = z.object({ v: z.literal(1), entries: z.array(entrySchema).max(MAX_ENTRIES) });
export type Miss = z.infer<typeof entrySchema>;

/** Lower case words only: no markup, mentions, links or punctuation, so it is safe to list back. */
export function missKey(question: string): string {
  return tokenize(normalise(stripMarkup(question))).join(' ').slice(0, MAX_TEXT).trim();
}

/**
 * Counts a question that got "I don't know" or the clarifying reply, by its normalised text alone (no
 * user ids). Read-modify-write under the store's lock, since Keyv has no compare-and-set; a damaged
 * record starts again from empty.
 */
export async function recordMiss(store: Store, question: string, now: number): Promise<void> {
  const text = missKey(question);
  if (text === '') return;
  await store.withLock(`${NS}:${KEY}`, async () => {
    const all = await current(store, now);
    const before = all.find((e) => e.text === text);
    const entries = all.filter((e) => e !== before);
    entries.push({ text, count: (before?.count ?? 0) + 1, last: now });
    entries.sort((a, b) => b.count - a.count || b.last - a.last);
    await store.set(NS, KEY, { v: 1, entries: entries.slice(0, MAX_ENTRIES) }, MISS_TTL_MS);
  });
}

/** The most often missed questions of the last 90 days, most frequent first. */
export async function topMisses(store: Store, now: number, limit: number): Promise<Miss[]> {
  return (await current(store, now)).slice(0, limit);
}

async function current(store: Store, now: number): Promise<Miss[]> {
  const found = await readRecord(store, NS, KEY, recordSchema);
  if (found.status !== 'ok') return [];
  return found.value.entries.filter((e) => now - e.last < MISS_TTL_MS).sort((a, b) => b.count - a.count || b.last - a.last);
}
