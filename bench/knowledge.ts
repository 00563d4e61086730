import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse as parseYaml } from 'yaml';
import { loadTopics, loadVocabulary, topicDirs } from '../src/core/knowledge/load.js';
import { createKnowledgeIndex } from '../src/core/knowledge/search.js';
import { percentile, round } from './stats.js';

export interface KnowledgeBench {
  /** Median time to build the index from loaded topics, ms (file reading excluded). */
  indexBuildMs: number;
  /** Median and 99th percentile of one `answer()` call over every evaluation question, ms. */
  queryP50Ms: number;
  queryP99Ms: number;
  /** Number of timed `answer()` calls. */
  queries: number;
}

/** Repetitions: index builds, and passes over the whole evaluation set. */
const BUILDS = 30;
const PASSES = 50;

/**
 * Times the knowledge index: its build at start-up and every evaluation question, many times over.
 * Run from the repository root (reads `knowledge/` and the dev split, `tests/knowledge/eval/dev.yaml`).
 */
export async function benchKnowledge(root: string = process.cwd()): Promise<KnowledgeBench> {
  const knowledge = join(root, 'knowledge');
  const topics = await loadTopics(topicDirs(knowledge));
  const vocabulary = await loadVocabulary(join(knowledge, 'synonyms.yaml'));
  const questions = await evaluationQuestions(join(root, 'tests', 'knowledge', 'eval', 'dev.yaml'));

  const builds: number[] = [];
  let index = createKnowledgeIndex(topics, vocabulary);
  for (let i = 0; i < BUILDS; i++) {
    const start = performance.now();
    index = createKnowledgeIndex(topics, vocabulary);
    builds.push(performance.now() - start);
  }

  for (const q of questions) index.answer(q); // warm-up
  const times: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    for (const q of questions) {
      const start = performance.now();
      index.answer(q);
      times.push(performance.now() - start);
    }
  }
  return {
    indexBuildMs: round(percentile(builds, 50), 2),
    queryP50Ms: round(percentile(times, 50), 3),
    queryP99Ms: round(percentile(times, 99), 3),
    queries: times.length,
  };
}

async function evaluationQuestions(file: string): Promise<string[]> {
  const data = parseYaml(await readFile(file, 'utf8')) as { questions?: Array<{ q: string }> };
  return (data.questions ?? []).map((a) => a.q);
}

/** `node dist/bench/knowledge.js` times the knowledge index alone. */
if (process.argv[1]?.endsWith('knowledge.js')) console.log(await benchKnowledge());
