/**
 * A second check of how the matcher generalises, independent of the dev split: each topic's examples are
 * split into folds; for each fold the index is built without them and asked them. A change that helps dev
 * but hurts here was probably fitted to dev's wording. `EXAMPLES_CV=1 npx vitest run tests/knowledge/eval/examples-cv.test.ts`
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadTopics, loadVocabulary, topicDirs } from '../../../src/core/knowledge/load.js';
import { createKnowledgeIndex } from '../../../src/core/knowledge/search.js';
import { answeredFrom, outcomeOf, root, summary, type Tally } from './evaluate.js';

const FOLDS = 4;

it.runIf(process.env['EXAMPLES_CV'])('cross-validates the topics’ examples', async () => {
  const knowledge = join(root, 'knowledge');
  const topics = await loadTopics(topicDirs(knowledge));
  const vocabulary = await loadVocabulary(join(knowledge, 'synonyms.yaml'));
  const t: Tally = {
    answerable: { right: 0, clarifying: 0, dontKnow: 0, false: 0, total: 0 },
    unanswerable: { refused: 0, answered: 0, total: 0 },
  };
  const misses: string[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const inFold = (i: number) => i % FOLDS === fold;
    const kept = topics.map((topic) => ({ ...topic, examples: topic.examples.filter((_, i) => !inFold(i)) }));
    const index = createKnowledgeIndex(kept, vocabulary);
    for (const topic of topics) {
      for (const q of topic.examples.filter((_, i) => inFold(i))) {
        const outcome = outcomeOf(answeredFrom(index.answer(q)), [topic.id]);
        t.answerable.total += 1;
        t.answerable[outcome] += 1;
        if (outcome !== 'right' && process.env['EXAMPLES_CV'] === 'misses') misses.push(`${answeredFrom(index.answer(q)).padEnd(26)} want ${topic.id.padEnd(26)} ${q}`);
      }
    }
  }
  console.log([...misses, summary('examples held out', t)].join('\n'));
  expect(t.answerable.total).toBeGreaterThan(0);
});
