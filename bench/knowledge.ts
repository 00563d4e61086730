import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse as parseYaml } from 'yaml';
import { readModel } from '../src/classifier-model.js';
import { loadTopics, loadVocabulary, topicDirs } from '../src/core/knowledge/load.js';
import { createKnowledgeIndex, type KnowledgeIndex } from '../src/core/knowledge/search.js';
import { percentile, round } from './stats.js';

export interface KnowledgeBench {
  /** Median time to build the index from loaded topics, with the build's classifier when there is one, ms (file reading excluded). */
  indexBuildMs: number;
  /** Median time to read the build's classifier model (dist/classifier-model.bin), ms; undefined when there is none. */
  modelReadMs: number | undefined;
  /** Median and 99th percentile of one `answer()` call over every evaluation question, ms (memo off: every call searches). */
  queryP50Ms: number;
  queryP99Ms: number;
  /** Number of timed `answer()` calls. */
  queries: number;
}

/** Repetitions: index builds, and passes over the whole evaluation set. */
const BUILDS = 30;
export const PASSES = 50;

/**
 * Times the knowledge index: its build at start-up and every evaluation question, many times over.
 * Run from the repository root (reads `knowledge/` and the dev split, `tests/knowledge/eval/dev.yaml`).
 */
export async function benchKnowledge(root: string = process.cwd()): Promise<KnowledgeBench> {
  const knowledge = join(root, 'knowledge');
  const topics = await loadTopics(topicDirs(knowledge));
  const vocabulary = await loadVocabulary(join(knowledge, 'synonyms.yaml'));
  const questions = await evaluationQuestions(join(root, 'tests', 'knowledge', 'eval', 'dev.yaml'));

  const reads: number[] = [];
  let classifier = readModel(topics, vocabulary, join(root, 'dist'));
  for (let i = 0; classifier && i < BUILDS; i++) {
    const start = performance.now();
    classifier = readModel(topics, vocabulary, join(root, 'dist'));
    reads.push(performance.now() - start);
  }
  const builds: number[] = [];
  // The passes repeat the same questions: with the memo on they would time lookups, not searches.
  let index = createKnowledgeIndex(topics, vocabulary, { memoSize: 0, classifier });
  for (let i = 0; i < BUILDS; i++) {
    const start = performance.now();
    index = createKnowledgeIndex(topics, vocabulary, { memoSize: 0, classifier });
    builds.push(performance.now() - start);
  }
  const times = timeAnswers(index, questions, PASSES);
  return {
    indexBuildMs: round(percentile(builds, 50), 2),
    modelReadMs: classifier ? round(percentile(reads, 50), 2) : undefined,
    queryP50Ms: round(percentile(times, 50), 3),
    queryP99Ms: round(percentile(times, 99), 3),
    queries: times.length,
  };
}

/** Times every question `passes` times, after one untimed warm-up pass. */
function timeAnswers(index: KnowledgeIndex, questions: readonly string[], passes: number): number[] {
  for (const q of questions) index.answer(q);
  const times: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const q of questions) {
      const start = performance.now();
      index.answer(q);
      times.push(performance.now() - start);
    }
  }
  return times;
}

async function evaluationQuestions(file: string): Promise<string[]> {
  const data = parseYaml(await readFile(file, 'utf8')) as { questions?: Array<{ q: string }> };
  return (data.questions ?? []).map((a) => a.q);
}

/** `node dist/bench/knowledge.js` times the knowledge index alone. */
if (process.argv[1]?.endsWith('knowledge.js')) console.log(await benchKnowledge());
