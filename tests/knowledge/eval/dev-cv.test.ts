/**
 * How the matcher with its trained classifier generalises to questions it has not seen: the dev split is cut
 * into folds at a fixed seed; for each fold a classifier is trained on every topic's examples and the other
 * folds, and the whole answer pipeline is asked the fold. The scorer alone is asked the same folds, for the
 * comparison. Once dev is in the classifier's training data, the plain dev figure is a training figure: decide
 * on these. The figures per batch show how far each writer's questions are from what was tuned: the first two
 * batches shaped the scorer's rules and vocabulary question by question, the later ones only in aggregate.
 * `DEV_CV=1 npx vitest run tests/knowledge/eval/dev-cv.test.ts`
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { trainClassifier, trainingTexts } from '../../../src/core/knowledge/classifier/classifier.js';
import { CLASSIFIER_OPTIONS } from '../../../src/core/knowledge/classifier/defaults.js';
import { loadTopics, loadVocabulary, topicDirs } from '../../../src/core/knowledge/load.js';
import { createKnowledgeIndex, textReader } from '../../../src/core/knowledge/search.js';
import { addTally, emptyTally, foldsOf, loadSplit, root, summary, tally, type Tally } from './evaluate.js';

const FOLDS = 5;
const SEED = 20261202;

/** The batches tuned on only in aggregate: every one after the first two, whose misses were fixed one by one. */
function laterBatches(byBatch: ReadonlyMap<number, Tally>): Tally {
  const t = emptyTally();
  for (const [b, tally] of byBatch) if (b >= 3) addTally(t, tally);
  return t;
}

it.runIf(process.env['DEV_CV'])('cross-validates the classifier on the dev split', async () => {
  const knowledge = join(root, 'knowledge');
  const topics = await loadTopics(topicDirs(knowledge));
  const vocabulary = await loadVocabulary(join(knowledge, 'synonyms.yaml'));
  const reader = textReader(topics, vocabulary);
  const dev = await loadSplit('dev');
  const folds = foldsOf(dev, FOLDS, SEED);
  const scorer = createKnowledgeIndex(topics, vocabulary);
  const totals = { 'scorer alone': emptyTally(), 'with classifier': emptyTally() };
  const batches = [...new Set(dev.map((q) => q.batch ?? 0))].sort((a, b) => a - b);
  const byBatch = new Map(batches.map((b) => [b, emptyTally()]));
  for (const [k, held] of folds.entries()) {
    const rest = folds.filter((_, j) => j !== k).flat();
    const classifier = trainClassifier(trainingTexts(topics, rest.map(({ q, topics: labels }) => ({ text: q, topics: labels }))), reader, CLASSIFIER_OPTIONS);
    addTally(totals['scorer alone'], tally(scorer, held));
    const index = createKnowledgeIndex(topics, vocabulary, { classifier });
    addTally(totals['with classifier'], tally(index, held));
    for (const [b, t] of byBatch) addTally(t, tally(index, held.filter((q) => (q.batch ?? 0) === b)));
  }
  console.log(
    [
      ...Object.entries(totals).map(([name, t]) => summary(`dev ${FOLDS}-fold, ${name}`, t)),
      ...[...byBatch].map(([b, t]) => summary(`  with classifier, batch ${b}`, t)),
      summary('  with classifier, batches 3 and later', laterBatches(byBatch)),
    ].join('\n'),
  );
  expect(totals['with classifier'].answerable.total).toBeGreaterThan(0);
}, 300_000);
