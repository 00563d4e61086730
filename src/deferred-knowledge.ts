import { readModel } from './classifier-model.js';
import type { Topic, Vocabulary } from './core/knowledge/schema.js';
import { createKnowledgeIndex, type KnowledgeIndex } from './core/knowledge/search.js';

/**
 * The knowledge index, built by the first question instead of at start-up: the topics are read and
 * validated at start (a broken file still stops the bot with a clear line), but the search index is only
 * needed by `ask`. Building it cold was about a fifth of the time from spawn to the first answered
 * request, and its build's garbage held about 8 MB more resident memory for the next ten seconds or so;
 * the first question waits for it once (about 20 ms). The build's classifier is read then too; without a
 * current one the scorer answers alone.
 */
export function deferredKnowledgeIndex(topics: Topic[], vocabulary: Vocabulary): KnowledgeIndex {
  let index: KnowledgeIndex | undefined;
  const built = () => (index ??= createKnowledgeIndex(topics, vocabulary, { classifier: readModel(topics, vocabulary) }));
  const byId = new Map(topics.map((t) => [t.id, t]));
  return {
    topics,
    get: (id) => byId.get(id),
    answer: (question) => built().answer(question),
    explain: (question) => built().explain(question),
  };
}
