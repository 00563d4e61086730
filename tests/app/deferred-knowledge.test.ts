import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopics, loadVocabulary, topicDirs } from '../../src/core/knowledge/load.js';
import { createKnowledgeIndex } from '../../src/core/knowledge/search.js';
import { deferredKnowledgeIndex } from '../../src/deferred-knowledge.js';
import { builtInKnowledgeDir } from '../../src/paths.js';

describe('the knowledge index built on first use', () => {
  it('GIVEN the built-in knowledge THEN it answers, explains and looks up exactly as the eager index', async () => {
    const dir = builtInKnowledgeDir();
    const [topics, vocabulary] = await Promise.all([loadTopics(topicDirs(dir)), loadVocabulary(join(dir, 'synonyms.yaml'))]);
    const eager = createKnowledgeIndex(topics, vocabulary);
    const deferred = deferredKnowledgeIndex(topics, vocabulary);
    expect(deferred.topics.map((t) => t.id)).toEqual(eager.topics.map((t) => t.id));
    expect(deferred.get('aws-lambda')).toEqual(eager.get('aws-lambda'));
    expect(deferred.get('no-such-topic')).toBeUndefined();
    for (const question of ['does go gc hurt latency', 'rust compile times', 'what about cobol']) {
      expect(deferred.answer(question)).toEqual(eager.answer(question));
    }
    deferred.warmUp();
    expect(deferred.explain('does go gc hurt p99')).toEqual(eager.explain('does go gc hurt p99'));
  });
});
