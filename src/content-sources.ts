import { join } from 'node:path';
import { loadChecklist } from './core/checklist/definition.js';
import { loadHelp } from './core/help.js';
import { loadTopics, loadVocabulary, topicDirs } from './core/knowledge/load.js';
import type { ContentSources } from './content-snapshot.js';

/** Reads and validates the content files themselves: the YAML checklist, help and synonyms, and every topic. */
export async function parseContentSources(builtInDir: string, knowledgeDir?: string): Promise<ContentSources> {
  const [checklist, help, topics, vocabulary] = await Promise.all([
    loadChecklist(join(builtInDir, 'checklist.yaml')),
    loadHelp(join(builtInDir, 'help.yaml')),
    loadTopics(topicDirs(builtInDir, knowledgeDir)),
    loadVocabulary(join(builtInDir, 'synonyms.yaml')),
  ]);
  return { checklist, help, topics, vocabulary };
}
