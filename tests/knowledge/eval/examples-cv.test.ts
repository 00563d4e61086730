/**
 * A second check of how the matcher generalises, independent of the dev split: each topic's examples are
 * split into folds; for each fold the index is built without them and asked them, as typed and with typos
 * (every second word of five letters or more gets two inner letters swapped). A change that helps dev but
 * hurts here was probably fitted to dev's wording.
 * `EXAMPLES_CV=1 npx vitest run tests/knowledge/eval/examples-cv.test.ts` (`EXAMPLES_CV=misses` lists the misses).
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadTopics, loadVocabulary, topicDirs } from '../../../src/core/knowledge/load.js';
import { createKnowledgeIndex } from '../../../src/core/knowledge/search.js';
import { answeredFrom, outcomeOf, root, summary, type Tally } from './evaluate.js';

const FOLDS = 4;

function withTypos(q: string): string {
  let n = 0;
  return q.replace(/[a-z]{5,}/g, (w) => (n++ % 2 === 0 ? `${w.slice(0, 2)}${w[3] ?? ''}${w[2] ?? ''}${w.slice(4)}` : w));
}

const emptyTally = (): Tally => ({
  answerable: { right: 0, clarifying: 0, dontKnow: 0, false: 0, total: 0 },
  unanswerable: { refused: 0, answered: 0, total: 0 },
});

it.runIf(process.env['EXAMPLES_CV'])('cross-validates the topics’ examples', async () => {
  const knowledge = join(root, 'knowledge');
  const topics = await loadTopics(topicDirs(knowledge));
  const vocabulary = await loadVocabulary(join(knowledge, 'synonyms.yaml'));
  const tallies = { 'examples held out': emptyTally(), 'the same with typos': emptyTally() };
  const misses: string[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const inFold = (i: number) => i % FOLDS === fold;
    const index = createKnowledgeIndex(
      topics.map((topic) => ({ ...topic, examples: topic.examples.filter((_, i) => !inFold(i)) })),
      vocabulary,
    );
    for (const topic of topics) {
      for (const example of topic.examples.filter((_, i) => inFold(i))) {
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
  console.log([...misses, ...Object.entries(tallies).map(([name, t]) => summary(name, t))].join('\n'));
  expect(tallies['examples held out'].answerable.total).toBeGreaterThan(0);
});
