import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createBot, type Bot } from './core/bot.js';
import { loadChecklist } from './core/checklist/definition.js';
import { systemClock, type Clock } from './core/context.js';
import { loadHelp } from './core/help.js';
import { builtInKnowledgeDir } from './paths.js';
import { openStore, type Store } from './state/store.js';

export interface Core {
  bot: Bot;
  store: Store;
}

/** Builds the platform-free part of the app: store, content and the conversation core. */
export async function createCore(config: Config, logger: Logger, clock: Clock = systemClock): Promise<Core> {
  const dir = builtInKnowledgeDir();
  const [checklist, help] = await Promise.all([
    loadChecklist(join(dir, 'checklist.yaml')),
    loadHelp(join(dir, 'help.yaml')),
  ]);
  const store = await openStore(config.store, { logger });
  const bot = createBot({
    store,
    logger: logger.child({ component: 'core' }),
    clock,
    checklist,
    help,
    rateLimitPerMinute: config.rateLimitPerMinute,
  });
  return { bot, store };
}
