import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadTopics, loadVocabulary, topicDirs } from '../../src/core/knowledge/load.js';
import { createKnowledgeIndex } from '../../src/core/knowledge/search.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const evalSetSchema = z.object({
  answerable: z.array(z.object({ q: z.string().min(1), topic: z.string().min(1) })).min(80),
  off_topic: z.array(z.string().min(1)).min(20),
});

/** Loads the real topics and the evaluation set. */
export async function loadEvaluation() {
  const knowledge = join(root, 'knowledge');
  const [topics, vocabulary, raw] = await Promise.all([
    loadTopics(topicDirs(knowledge)),
    loadVocabulary(join(knowledge, 'synonyms.yaml')),
    readFile(join(root, 'tests', 'knowledge', 'eval-set.yaml'), 'utf8'),
  ]);
  return { topics, vocabulary, evalSet: evalSetSchema.parse(parseYaml(raw)) };
}

describe('knowledge evaluation', () => {
  it('GIVEN the evaluation set THEN ≥ 90% of answerable questions get the right entry and ≥ 90% of off-topic ones get unknown', async () => {
    const { topics, vocabulary, evalSet } = await loadEvaluation();
    const ids = new Set(topics.map((t) => t.id));
    for (const item of evalSet.answerable) expect(ids, `eval-set names unknown topic "${item.topic}"`).toContain(item.topic);

    const index = createKnowledgeIndex(topics, vocabulary);
    const misses: string[] = [];
    let right = 0;
    for (const { q, topic } of evalSet.answerable) {
      const a = index.answer(q);
      if (a.kind === 'answer' && a.topic.id === topic) right += 1;
      else misses.push(`  answerable  "${q}" → ${a.kind === 'answer' ? a.topic.id : 'unknown'} (want ${topic})`);
    }
    let unknown = 0;
    for (const q of evalSet.off_topic) {
      const a = index.answer(q);
      if (a.kind === 'unknown') unknown += 1;
      else misses.push(`  off-topic   "${q}" → ${a.topic.id} (want unknown)`);
    }
    const accuracy = right / evalSet.answerable.length;
    const unknownRate = unknown / evalSet.off_topic.length;
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      [
        `knowledge eval: answerable ${right}/${evalSet.answerable.length} right (${pct(accuracy)}), ` +
          `off-topic ${unknown}/${evalSet.off_topic.length} unknown (${pct(unknownRate)})`,
        ...(misses.length ? ['misses:', ...misses] : ['misses: none']),
      ].join('\n'),
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    expect(unknownRate).toBeGreaterThanOrEqual(0.9);
  });
});
