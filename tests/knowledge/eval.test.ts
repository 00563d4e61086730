import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeIndex } from '../../src/core/knowledge/search.js';
import type { Topic } from '../../src/core/knowledge/schema.js';
import { evalDir, loadIndex, loadSplit, normalisedQuestion, summary, tally, type Question, type Tally } from './eval/evaluate.js';

/**
 * The gate of issue 12 on both splits. The test split was written by someone who had not read the topics
 * and is never read by anyone tuning: this file prints only its aggregate figures.
 */
const ISSUE_TARGET = { right: 0.9, clarifying: 0.05, dontKnow: 0.05, false: 0.03, refused: 0.95 };
/**
 * Where the figures stand, which the gate holds. Since the classifier learns from the dev split, dev's own
 * figure is a training figure (right 97.7%, clarifying 1.1%, I don't know 1.2%, false 0.1%, refused 99.0%, with
 * twenty batches) and its gate only guards against breakage; how the pipeline generalises is measured by
 * cross-validation (tests/knowledge/eval/dev-cv.test.ts, examples-cv.test.ts), by each new batch before it
 * joins dev, and by the test split, which is not tuned on. The test split went from right 85.7% / clarifying
 * 5.5% / false 6.9% (the scorer alone) to 88.0% / 2.8% / 7.4% with the classifier and three batches, and has
 * moved since through the combination rules of combine.ts, seventeen more batches, a classifier trained with
 * less penalty and thresholds re-chosen on dev's twenty batches (92.6% / 3.7% / 2.8% now, refused 98.9%),
 * while fresh batches measured before joining stand at 91–96% right with 0.5–3.9% false. It meets the issue's
 * target on every count, with nothing to spare on false answers (6 of 217, the most the target allows), and its
 * gate is the target with the right answers and refusals it reached (201 of 217, 93 of 94).
 */
const GATES = {
  dev: { right: 0.97, clarifying: 0.015, dontKnow: 0.02, false: 0.01, refused: 0.985 },
  test: { ...ISSUE_TARGET, right: 0.926, refused: 0.98 },
};

let index: KnowledgeIndex;
let topics: Topic[];
beforeAll(async () => {
  ({ index, topics } = await loadIndex());
});

function expectGate(t: Tally, gate: typeof ISSUE_TARGET): void {
  const a = t.answerable;
  expect(a.right / a.total).toBeGreaterThanOrEqual(gate.right);
  expect(a.clarifying / a.total).toBeLessThanOrEqual(gate.clarifying);
  expect(a.dontKnow / a.total).toBeLessThanOrEqual(gate.dontKnow);
  expect(a.false / a.total).toBeLessThanOrEqual(gate.false);
  expect(t.unanswerable.refused / t.unanswerable.total).toBeGreaterThanOrEqual(gate.refused);
}

function examplesOverlap(questions: readonly Question[]): number {
  const examples = new Set(topics.flatMap((t) => t.examples).map(normalisedQuestion));
  return questions.filter((q) => examples.has(normalisedQuestion(q.q))).length;
}

describe('knowledge evaluation', () => {
  it('GIVEN the committed test split THEN it is the one the lead split off (its hash matches)', async () => {
    const [content, recorded] = await Promise.all([readFile(join(evalDir, 'test.yaml')), readFile(join(evalDir, 'test.sha256'), 'utf8')]);
    expect(createHash('sha256').update(content).digest('hex')).toBe(recorded.split(/\s+/)[0]);
  });

  it.each(['dev', 'test'] as const)('GIVEN the %s split THEN none of its questions is among the topics’ examples', async (name) => {
    const questions = await loadSplit(name);
    // Only a count is printed: the questions themselves must never be shown.
    expect(examplesOverlap(questions), `${name} questions copied into topic examples`).toBe(0);
  });

  it('GIVEN every topic label in both splits THEN it names a loaded topic', async () => {
    const ids = new Set(topics.map((t) => t.id));
    for (const name of ['dev', 'test'] as const) {
      const unknown = (await loadSplit(name)).flatMap((q) => q.topics).filter((id) => !ids.has(id));
      expect(unknown.length, `${name} labels naming no topic`).toBe(0);
    }
  });

  it('GIVEN the dev split THEN it holds its gate', async () => {
    const t = tally(index, await loadSplit('dev'));
    console.log(summary('dev', t));
    expectGate(t, GATES.dev);
  });

  it('GIVEN the held-out test split THEN it holds its gate', async () => {
    const t = tally(index, await loadSplit('test'));
    console.log(summary('test', t));
    expectGate(t, GATES.test);
  });
});
