import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadTopics, loadVocabulary, topicDirs } from '../../src/core/knowledge/load.js';
import * as search from '../../src/core/knowledge/search.js';
import { deferredKnowledgeIndex } from '../../src/deferred-knowledge.js';
import { builtInKnowledgeDir } from '../../src/paths.js';

vi.mock('../../src/core/knowledge/search.js', { spy: true });

async function builtIn() {
  const dir = builtInKnowledgeDir();
  const [topics, vocabulary] = await Promise.all([loadTopics(topicDirs(dir)), loadVocabulary(join(dir, 'synonyms.yaml'))]);
  return { topics, vocabulary };
}

describe('the knowledge index built on first use', () => {
  it('GIVEN the built-in knowledge THEN it answers, explains and looks up exactly as the eager index', async () => {
    const { topics, vocabulary } = await builtIn();
    const eager = search.createKnowledgeIndex(topics, vocabulary);
    const deferred = deferredKnowledgeIndex(topics, vocabulary);
    expect(deferred.topics.map((t) => t.id)).toEqual(eager.topics.map((t) => t.id));
    expect(deferred.get('aws-lambda')).toEqual(eager.get('aws-lambda'));
    expect(deferred.get('no-such-topic')).toBeUndefined();
    for (const question of ['does go gc hurt latency', 'rust compile times', 'what about cobol']) {
      expect(deferred.answer(question)).toEqual(eager.answer(question));
    }
    expect(deferred.explain('does go gc hurt p99')).toEqual(eager.explain('does go gc hurt p99'));
  });

  it('GIVEN topics looked up by id THEN no index is built until the first question, and then only once', async () => {
    const { topics, vocabulary } = await builtIn();
    const build = vi.mocked(search.createKnowledgeIndex);
    build.mockClear();
    const deferred = deferredKnowledgeIndex(topics, vocabulary);
    expect(deferred.get('aws-lambda')?.id).toBe('aws-lambda');
    expect(deferred.topics.length).toBe(topics.length);
    expect(build).not.toHaveBeenCalled();
    deferred.answer('does go gc hurt latency');
    deferred.explain('rust compile times');
    expect(build).toHaveBeenCalledTimes(1);
  });
});
