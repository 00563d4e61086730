import { join } from 'node:path';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import type { SlackConfig } from '../../src/config.js';
import { createBot, type Bot } from '../../src/core/bot.js';
import { loadChecklist } from '../../src/core/checklist/definition.js';
import { systemClock } from '../../src/core/context.js';
import { loadHelp } from '../../src/core/help.js';
import { knowledgeIndex } from './core.js';
import type { MessageHandler } from '../../src/core/messages.js';
import { builtInKnowledgeDir } from '../../src/paths.js';
import { openStore, type Store } from '../../src/state/store.js';
import type { Logger } from '../../src/logger.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { capturingLogger } from './logs.js';

export const SECRETS = {
  botToken: 'xoxb-test-0000000000-secretbottoken',
  signingSecret: 'test-signing-secret-8f3a2b1c',
  appToken: 'xapp-1-test-secretapptoken-1234',
};


export interface SlackHarness {
  fake: FakeSlack;
  adapter: SlackAdapter;
  store?: Store;
  /** `http://127.0.0.1:PORT/slack/events` in HTTP mode. */
  eventsUrl: string;
  logs: string[];
  stop(): Promise<void>;
}

export async function coreHandler(logger: Logger, given?: Store): Promise<{ handler: Bot; store: Store }> {
  const store = given ?? (await openStore({ kind: 'memory' }, { logger }));
  const [checklist, help] = await Promise.all([loadChecklist(join(builtInKnowledgeDir(), 'checklist.yaml')), loadHelp(join(builtInKnowledgeDir(), 'help.yaml'))]);
  return { handler: createBot({ store, logger, clock: systemClock, checklist, help, knowledge: await knowledgeIndex() }), store };
}

/** The real adapter on a free port against a fake Slack; the real core unless a handler is given. */
export async function startSlack(
  options: {
    mode?: 'http' | 'socket';
    handler?: MessageHandler;
    fake?: FakeSlack;
    health?: () => Promise<{ ok: boolean }>;
    /** The core's store (memory by default); closed by stop(). */
    store?: Store;
    ackDeadlineMs?: number;
  } = {},
): Promise<SlackHarness> {
  const fake = options.fake ?? (await startFakeSlack());
  const { logger, lines } = capturingLogger();
  const core = options.handler ? undefined : await coreHandler(logger, options.store);
  const mode = options.mode ?? 'http';
  const config: SlackConfig = {
    mode,
    botToken: SECRETS.botToken,
    signingSecret: mode === 'http' ? SECRETS.signingSecret : undefined,
    appToken: mode === 'socket' ? SECRETS.appToken : undefined,
    apiUrl: fake.apiUrl,
    port: 0,
  };
  const handler = options.handler ?? (core?.handler as MessageHandler);
  const adapter = createSlackAdapter(config, {
    handler,
    logger,
    host: '127.0.0.1',
    ...(options.health ? { health: options.health } : {}),
    ...(options.ackDeadlineMs === undefined ? {} : { ackDeadlineMs: options.ackDeadlineMs }),
  });
  // As main does: the core edits live poll messages through the adapter's outbox.
  core?.handler.registerOutbox(adapter.outbox);
  await adapter.start();
  return {
    fake,
    adapter,
    store: core?.store,
    eventsUrl: `http://127.0.0.1:${adapter.port() ?? 0}/slack/events`,
    logs: lines,
    async stop() {
      await adapter.stop();
      await core?.store.close();
      if (!options.fake) await fake.close();
    },
  };
}

/** A store that records every call that can write (set, delete, claim, withLock) before passing it on. */
export function countingStore(store: Store): { store: Store; writes: string[] } {
  const writes: string[] = [];
  const counted: Store = {
    kind: store.kind,
    get: (ns, key) => store.get(ns, key),
    set: (ns, key, value, ttlMs) => (writes.push(`set ${ns}`), store.set(ns, key, value, ttlMs)),
    delete: (ns, key) => (writes.push(`delete ${ns}`), store.delete(ns, key)),
    claim: (ns, key, ttlMs) => (writes.push(`claim ${ns}`), store.claim(ns, key, ttlMs)),
    withLock: (key, fn) => (writes.push(`lock ${key}`), store.withLock(key, fn)),
    ping: () => store.ping(),
    close: () => store.close(),
  };
  return { store: counted, writes };
}
