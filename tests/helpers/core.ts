import { join } from 'node:path';
import { createBot, type Bot } from '../../src/core/bot.js';
import { loadChecklist } from '../../src/core/checklist/definition.js';
import type { Clock } from '../../src/core/context.js';
import { loadHelp } from '../../src/core/help.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import type { KnowledgeIndex } from '../../src/core/knowledge/search.js';
import type { Button, Incoming, Reply } from '../../src/core/messages.js';
import { silentLogger } from '../../src/logger.js';
import { builtInKnowledgeDir } from '../../src/paths.js';
import { openStore, type Store } from '../../src/state/store.js';
import { RecordingResponder } from './fake-chat.js';

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  constructor(public time = Date.UTC(2026, 10, 29, 9, 0, 0)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export async function memoryStore(): Promise<Store> {
  return openStore({ kind: 'memory' }, { logger: silentLogger() });
}

let builtInKnowledge: Promise<KnowledgeIndex> | undefined;

/** The built-in knowledge base, loaded once per test file. */
export function knowledgeIndex(): Promise<KnowledgeIndex> {
  builtInKnowledge ??= loadKnowledge(builtInKnowledgeDir());
  return builtInKnowledge;
}

/** The real core on the given store (memory by default), with the built-in content. */
export async function testBot(options: { store?: Store; clock?: Clock } = {}): Promise<Bot & { store: Store }> {
  const dir = builtInKnowledgeDir();
  const store = options.store ?? (await memoryStore());
  const bot = createBot({
    store,
    logger: silentLogger(),
    clock: options.clock ?? new FakeClock(),
    checklist: await loadChecklist(join(dir, 'checklist.yaml')),
    help: await loadHelp(join(dir, 'help.yaml')),
    knowledge: await knowledgeIndex(),
  });
  return Object.assign(bot, { store });
}

/** Sends one event through the bot and returns what it replied. */
export async function exchange(bot: Bot, incoming: Incoming): Promise<Reply[]> {
  const responder = new RecordingResponder(incoming.conversation);
  await bot.handle(incoming, responder);
  return responder.replies;
}

/** The button with this label in a reply, or a clear failure. */
export function button(reply: Reply | undefined, label: string): Button {
  const found = reply?.buttons?.find((b) => b.label === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(reply?.buttons?.map((b) => b.label))}`);
  return found;
}
