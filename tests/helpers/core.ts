import { loadContent, wireBot, type Content, type WiringOptions } from '../../src/app.js';
import type { Bot } from '../../src/core/bot.js';
import type { Clock } from '../../src/core/context.js';
import type { KnowledgeIndex } from '../../src/core/knowledge/search.js';
import type { Button, Incoming, Reply } from '../../src/core/messages.js';
import { silentLogger } from '../../src/logger.js';
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

/** The built-in knowledge base, loaded once per test file with the rest of the content. */
export async function knowledgeIndex(): Promise<KnowledgeIndex> {
  return (await content()).knowledge;
}

let builtInContent: Promise<Content> | undefined;

/** The built-in content, loaded and cross-checked (dangling topic links) once per test file. */
export function content(): Promise<Content> {
  builtInContent ??= loadContent();
  return builtInContent;
}

export type TestBotOptions = Partial<WiringOptions> & { clock?: Clock };

/** The real core on the given store (memory by default), with the built-in content, wired as the app wires it. */
export async function testBot(options: TestBotOptions = {}): Promise<Bot & { store: Store }> {
  const store = options.store ?? (await memoryStore());
  const bot = wireBot(await content(), { logger: silentLogger(), clock: new FakeClock(), ...options, store });
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
