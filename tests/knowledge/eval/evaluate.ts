import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { labelledQuestionSchema, trainBuiltIn } from '../../../src/classifier-train.js';
import { loadTopics, loadVocabulary, topicDirs } from '../../../src/core/knowledge/load.js';
import type { Topic } from '../../../src/core/knowledge/schema.js';
import { createKnowledgeIndex, type Answer, type KnowledgeIndex } from '../../../src/core/knowledge/search.js';
import { normalise, stripMarkup, tokenize } from '../../../src/core/knowledge/text.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const evalDir = join(root, 'tests', 'knowledge', 'eval');

/** `batch`: which writer's batch a dev question came in (see dev.yaml); the test split has none. */
const splitSchema = z.object({ questions: z.array(labelledQuestionSchema.extend({ batch: z.number().int().positive().optional() })).min(100) });
export type Question = z.infer<typeof splitSchema>['questions'][number];

export type Outcome = 'right' | 'clarifying' | 'dontKnow' | 'false';

/** Counts of the four outcomes, for the answerable and the unanswerable questions of one split. */
export interface Tally {
  answerable: Record<Outcome, number> & { total: number };
  unanswerable: { refused: number; answered: number; total: number };
}

export async function loadSplit(name: 'dev' | 'test'): Promise<Question[]> {
  return splitSchema.parse(parseYaml(await readFile(join(evalDir, `${name}.yaml`), 'utf8'))).questions;
}

/**
 * The index as the bot runs it: with the classifier the build trains, trained here the same way (it is
 * deterministic), so the figures are those of the code under test whether or not it was built.
 */
export async function loadIndex(): Promise<{ topics: Topic[]; index: KnowledgeIndex }> {
  const knowledge = join(root, 'knowledge');
  const topics = await loadTopics(topicDirs(knowledge));
  const vocabulary = await loadVocabulary(join(knowledge, 'synonyms.yaml'));
  const classifier = await trainBuiltIn(topics, vocabulary, join(evalDir, 'dev.yaml'));
  return { topics, index: createKnowledgeIndex(topics, vocabulary, { classifier }) };
}

/** The topic a reply answers from, or what kind of non-answer it is (`'clarifying'`, `'dontKnow'`, …). */
export function answeredFrom(a: Answer): string {
  if (a.kind === 'answer') return a.topic.id;
  if (a.kind === 'decision') return a.topic?.id ?? 'decision';
  return a.kind === 'clarify' ? 'clarifying' : 'dontKnow';
}

/** The four outcomes: right only when the reply answers from a topic the label names. */
export function outcomeOf(from: string, labels: readonly string[]): Outcome {
  if (from === 'clarifying' || from === 'dontKnow') return from;
  return labels.includes(from) ? 'right' : 'false';
}

export function tally(index: KnowledgeIndex, questions: readonly Question[]): Tally {
  const t: Tally = {
    answerable: { right: 0, clarifying: 0, dontKnow: 0, false: 0, total: 0 },
    unanswerable: { refused: 0, answered: 0, total: 0 },
  };
  for (const { q, topics } of questions) {
    const from = answeredFrom(index.answer(q));
    if (topics.length === 0) {
      t.unanswerable.total += 1;
      if (from === 'clarifying' || from === 'dontKnow') t.unanswerable.refused += 1;
      else t.unanswerable.answered += 1;
    } else {
      t.answerable.total += 1;
      t.answerable[outcomeOf(from, topics)] += 1;
    }
  }
  return t;
}

const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;

/** One line of aggregate figures: all that is ever printed about the test split. */
export function summary(name: string, t: Tally): string {
  const a = t.answerable;
  const u = t.unanswerable;
  return (
    `${name}: ${a.total} answerable: right ${pct(a.right, a.total)}, clarifying ${pct(a.clarifying, a.total)}, ` +
    `I don't know ${pct(a.dontKnow, a.total)}, false ${pct(a.false, a.total)}; ` +
    `${u.total} unanswerable: refused or clarified ${pct(u.refused, u.total)}`
  );
}

/** Lower-case words joined by spaces, to compare questions whatever their punctuation or markup. */
export function normalisedQuestion(q: string): string {
  return tokenize(normalise(stripMarkup(q))).join(' ');
}

export const emptyTally = (): Tally => ({
  answerable: { right: 0, clarifying: 0, dontKnow: 0, false: 0, total: 0 },
  unanswerable: { refused: 0, answered: 0, total: 0 },
});

/** Adds `t`'s counts to `into`. */
export function addTally(into: Tally, t: Tally): void {
  for (const k of ['right', 'clarifying', 'dontKnow', 'false', 'total'] as const) into.answerable[k] += t.answerable[k];
  for (const k of ['refused', 'answered', 'total'] as const) into.unanswerable[k] += t.unanswerable[k];
}

/** `items` dealt into `n` folds after a shuffle at `seed`: the same folds on every run. */
export function foldsOf<T>(items: readonly T[], n: number, seed: number): T[][] {
  let state = seed >>> 0;
  // A linear congruential step is plenty for a shuffle that only has to be repeatable.
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return Array.from({ length: n }, (_, k) => order.filter((_, i) => i % n === k).map((i) => items[i] as T));
}
