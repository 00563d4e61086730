/**
 * A second check of how the matcher generalises, independent of the dev split: each topic's examples are
 * split into folds; for each fold the index is built without them and asked them, as typed and with typos
 * (every second word of five letters or more gets two inner letters swapped). A change that helps dev but
 * hurts here was probably fitted to dev's wording. The trained classifier is measured the same way: for each
 * fold it learns from the other folds' examples and the dev split, beside the scorer alone on the same folds.
 * `EXAMPLES_CV=1 npx vitest run tests/knowledge/eval/examples-cv.test.ts` (`EXAMPLES_CV=misses` lists the misses).
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { trainClassifier, trainingTexts } from '../../../src/core/knowledge/classifier/classifier.js';
import { CLASSIFIER_OPTIONS } from '../../../src/core/knowledge/classifier/defaults.js';
import { loadTopics, loadVocabulary, topicDirs } from '../../../src/core/knowledge/load.js';
import { createKnowledgeIndex, textReader, type KnowledgeIndex } from '../../../src/core/knowledge/search.js';
import { answeredFrom, emptyTally, loadSplit, outcomeOf, root, summary, type Tally } from './evaluate.js';

const FOLDS = 4;

function withTypos(q: string): string {
  let n = 0;
  return q.replace(/[a-z]{5,}/g, (w) => (n++ % 2 === 0 ? `${w.slice(0, 2)}${w[3] ?? ''}${w[2] ?? ''}${w.slice(4)}` : w));
}

const KINDS = ['examples held out', 'the same with typos'] as const;
type Tallies = Record<(typeof KINDS)[number], Tally>;

it.runIf(process.env['EXAMPLES_CV'])('cross-validates the topics’ examples', async () => {
  const knowledge = join(root, 'knowledge');
  const topics = await loadTopics(topicDirs(knowledge));
  const vocabulary = await loadVocabulary(join(knowledge, 'synonyms.yaml'));
  const dev = (await loadSplit('dev')).map(({ q, topics: labels }) => ({ text: q, topics: labels }));
  const scorer: Tallies = { [KINDS[0]]: emptyTally(), [KINDS[1]]: emptyTally() };
  const combined: Tallies = { [KINDS[0]]: emptyTally(), [KINDS[1]]: emptyTally() };
  const misses: string[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const inFold = (i: number) => i % FOLDS === fold;
    const kept = topics.map((topic) => ({ ...topic, examples: topic.examples.filter((_, i) => !inFold(i)) }));
    const classifier = trainClassifier(trainingTexts(kept, dev), textReader(kept, vocabulary), CLASSIFIER_OPTIONS);
    const heldOut = topics.map((topic) => ({ id: topic.id, examples: topic.examples.filter((_, i) => inFold(i)) }));
    ask(createKnowledgeIndex(kept, vocabulary), heldOut, scorer, []);
    ask(createKnowledgeIndex(kept, vocabulary, { classifier }), heldOut, combined, misses);
  }
  const lines = [...KINDS.map((k) => summary(`scorer alone, ${k}`, scorer[k])), ...KINDS.map((k) => summary(`with classifier, ${k}`, combined[k]))];
  console.log([...misses, ...lines].join('\n'));
  expect(combined['examples held out'].answerable.total).toBeGreaterThan(0);
}, 120_000);

function ask(index: KnowledgeIndex, heldOut: ReadonlyArray<{ id: string; examples: string[] }>, tallies: Tallies, misses: string[]): void {
  for (const topic of heldOut) {
    for (const example of topic.examples) {
      for (const [name, q] of [['examples held out', example], ['the same with typos', withTypos(example)]] as const) {
        const from = answeredFrom(index.answer(q));
        const outcome = outcomeOf(from, [topic.id]);
        tallies[name].answerable.total += 1;
        tallies[name].answerable[outcome] += 1;
        if (outcome !== 'right' && process.env['EXAMPLES_CV'] === 'misses') misses.push(`${from.padEnd(26)} want ${topic.id.padEnd(26)} ${q}`);
      }
    }
  }
}
