import { readModel } from './classifier-model.js';
import type { Topic, Vocabulary } from './core/knowledge/schema.js';
import { createKnowledgeIndex, type KnowledgeIndex } from './core/knowledge/search.js';

/**
 * The knowledge index, built on first use instead of at start-up: the topics are read and validated at
 * start (a broken file still stops the bot with a clear line), but the search index is only needed by
 * `ask`, and building it cold was about a fifth of the time from spawn to the first answered request.
 * `warmUp` builds it once the bot is listening, so the first question rarely waits for it. The build's
 * classifier is read then too; without a current one the scorer answers alone.
 */
export interface DeferredKnowledge extends KnowledgeIndex {
  warmUp(): void;
}

export function deferredKnowledgeIndex(topics: Topic[], vocabulary: Vocabulary): DeferredKnowledge {
  let index: KnowledgeIndex | undefined;
  const built = () => (index ??= createKnowledgeIndex(topics, vocabulary, { classifier: readModel(topics, vocabulary) }));
  const byId = new Map(topics.map((t) => [t.id, t]));
  return {
    topics,
    get: (id) => byId.get(id),
    answer: (question) => built().answer(question),
    explain: (question) => built().explain(question),
    warmUp: () => void built(),
  };
}
