import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createBot, type Bot } from './core/bot.js';
import { readSnapshot, type ContentSources } from './content-snapshot.js';
import { danglingTopicLinks, type Checklist } from './core/checklist/definition.js';
import { systemClock, type CoreDeps } from './core/context.js';
import type { HelpText } from './core/help.js';
import { deferredKnowledgeIndex } from './deferred-knowledge.js';
import type { KnowledgeIndex } from './core/knowledge/search.js';
import { KnowledgeError } from './errors.js';
import { builtInKnowledgeDir } from './paths.js';
import { openStore, type Store } from './state/store.js';

export interface Core {
  bot: Bot;
  store: Store;
}

/** What the bot knows and says: the checklist, the help text and the knowledge base. */
export interface Content {
  checklist: Checklist;
  help: HelpText;
  knowledge: KnowledgeIndex;
}

/**
 * Loads and cross-checks the content; a checklist pointing at a missing topic stops start-up. The build's
 * snapshot of the built-in files stands in for parsing them when it was made from the same files; a
 * team's own topics (KNOWLEDGE_DIR) are always read from their files.
 */
export async function loadContent(knowledgeDir?: string): Promise<Content> {
  const dir = builtInKnowledgeDir();
  const snapshot = knowledgeDir ? undefined : readSnapshot(dir);
  const { checklist, help, topics, vocabulary } = snapshot ?? (await parseFiles(dir, knowledgeDir));
  const knowledge = deferredKnowledgeIndex(topics, vocabulary);
  const dangling = danglingTopicLinks(checklist, new Set(knowledge.topics.map((t) => t.id)));
  if (dangling.length > 0) throw new KnowledgeError(`${join(dir, 'checklist.yaml')}: ${dangling.join('; ')}`);
  return { checklist, help, knowledge };
}

/** The YAML loaders are imported only when the files must be parsed: a start from the snapshot never loads them. */
async function parseFiles(dir: string, knowledgeDir?: string): Promise<ContentSources> {
  const { parseContentSources } = await import('./content-sources.js');
  return parseContentSources(dir, knowledgeDir);
}

export type WiringOptions = Omit<CoreDeps, keyof Content | 'clock'> & Partial<Pick<CoreDeps, 'clock'>>;

/** The one place a core is wired: the app, the tests' helper and the bench all come through here. */
export function wireBot(content: Content, options: WiringOptions): Bot {
  return createBot({ clock: systemClock, ...options, ...content, logger: options.logger.child({ component: 'core' }) });
}

/** Builds the platform-free part of the app: store, content and the conversation core. */
export async function createCore(config: Config, logger: Logger, clock: CoreDeps['clock'] = systemClock): Promise<Core> {
  const content = await loadContent(config.knowledgeDir);
  const store = await openStore(config.store, { logger });
  const bot = wireBot(content, { store, logger, clock, rateLimitPerMinute: config.rateLimitPerMinute, pollSecret: config.pollSecret });
  return { bot, store };
}
