import type { Topic } from './schema.js';

/** One sentence of a topic body, its citation markers removed, with the sources it cites. */
export interface Sentence {
  readonly text: string;
  /** Ids from the topic's `sources`; empty when the sentence is the topic's own `source` (usually the article). */
  readonly cites: readonly string[];
}

/** `{s7}` or `{s1, s2}` just before a sentence's full stop. */
const CITATION = /\s*\{([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\}/g;

/**
 * A sentence ends at `.`, `!` or `?` followed by a space and a capital, digit, quote or markup; `1.80`,
 * `e.g. the` and `crates.io` stay whole.
 */
const BOUNDARY = /(?<=[.!?])\s+(?=[A-Z0-9"“*`(])/;

/** Bodies already split. They are the loaded topics' and so few and fixed, while every answer reads one. */
const split = new Map<string, readonly Sentence[]>();

/** The body's sentences in order. */
export function sentencesOf(body: string): readonly Sentence[] {
  let sentences = split.get(body);
  if (!sentences) {
    sentences = Object.freeze(
      body
        .split(BOUNDARY)
        .map((raw) => {
          const cites = [...raw.matchAll(CITATION)].flatMap((m) => (m[1] ?? '').split(/\s*,\s*/));
          return { text: raw.replace(CITATION, '').trim(), cites };
        })
        .filter((s) => s.text !== ''),
    );
    split.set(body, sentences);
  }
  return sentences;
}

/** A correction's `source` as ids (`s1` or `s1, s2`), or itself when it is plain text. */
export function correctionSources(source: string): string[] {
  return /^[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*$/.test(source) ? source.split(/\s*,\s*/) : [source];
}

/** Every source id a topic's body and correction cite; the loader checks each one is listed. */
export function citedIds(topic: Pick<Topic, 'body' | 'correction' | 'sources'>): string[] {
  const ids = sentencesOf(topic.body).flatMap((s) => s.cites);
  const correction = topic.correction?.source;
  if (correction) ids.push(...correctionSources(correction).filter((s) => /^[a-z0-9-]+$/.test(s)));
  return [...new Set(ids)];
}

/** The first cited id missing from `sources`, for a load error. */
export function unlistedCitation(topic: Pick<Topic, 'body' | 'correction' | 'sources'>): string | undefined {
  return citedIds(topic).find((id) => !(id in topic.sources));
}

/** What a source line shows for a source id: the listed text, or for a correction given as plain text, that text. */
export function sourceText(topic: Pick<Topic, 'source' | 'sources'>, id: string | undefined): string {
  if (id === undefined) return topic.source;
  return topic.sources[id] ?? id;
}
