import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createBot, type Bot } from './core/bot.js';
import { danglingTopicLinks, loadChecklist } from './core/checklist/definition.js';
import { systemClock, type Clock } from './core/context.js';
import { loadHelp } from './core/help.js';
import { KnowledgeError } from './core/knowledge/errors.js';
import { loadTopics, loadVocabulary, topicDirs } from './core/knowledge/load.js';
import { deferredKnowledgeIndex } from './deferred-knowledge.js';
import { builtInKnowledgeDir } from './paths.js';
import { openStore, type Store } from './state/store.js';

export interface Core {
  bot: Bot;
  store: Store;
  /** Builds what the first commands would otherwise build (the search index); call once the bot is listening. */
  readonly warmUp: () => void;
}

/** Builds the platform-free part of the app: store, content and the conversation core. */
export async function createCore(config: Config, logger: Logger, clock: Clock = systemClock): Promise<Core> {
  const dir = builtInKnowledgeDir();
  const [checklist, help, topics, vocabulary] = await Promise.all([
    loadChecklist(join(dir, 'checklist.yaml')),
    loadHelp(join(dir, 'help.yaml')),
    loadTopics(topicDirs(dir, config.knowledgeDir)),
    loadVocabulary(join(dir, 'synonyms.yaml')),
  ]);
  const knowledge = deferredKnowledgeIndex(topics, vocabulary);
  const dangling = danglingTopicLinks(checklist, new Set(knowledge.topics.map((t) => t.id)));
  if (dangling.length > 0) throw new KnowledgeError(`${join(dir, 'checklist.yaml')}: ${dangling.join('; ')}`);
  const store = await openStore(config.store, { logger });
  const bot = createBot({
    store,
    logger: logger.child({ component: 'core' }),
    clock,
    checklist,
    help,
    knowledge,
    rateLimitPerMinute: config.rateLimitPerMinute,
    pollSecret: config.pollSecret,
  });
  return { bot, store, warmUp: () => knowledge.warmUp() };
}
