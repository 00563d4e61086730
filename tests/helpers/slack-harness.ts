import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import type { SlackConfig } from '../../src/config.js';
import { wireBot } from '../../src/app.js';
import type { Bot } from '../../src/core/bot.js';
import { content } from './core.js';
import type { MessageHandler } from '../../src/core/messages.js';
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
  return { handler: wireBot(await content(), { store, logger }), store };
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
  const handler = options.handler ?? core?.handler;
  if (!handler) throw new Error('the harness has no handler: none was given and no core was built');
  const adapter = createSlackAdapter(config, {
    handler,
    logger,
    host: '127.0.0.1',
    ...(options.health ? { health: options.health } : {}),
    ...(options.ackDeadlineMs === undefined ? {} : { ackDeadlineMs: options.ackDeadlineMs }),
  });
  // As main does: the core edits live poll messages through the adapter's outbox.
  await core?.handler.start({ outboxes: [adapter.outbox], sweepIntervalMs: 3_600_000 });
  await adapter.start();
  return {
    fake,
    adapter,
    store: core?.store,
    eventsUrl: `http://127.0.0.1:${adapter.port() ?? 0}/slack/events`,
    logs: lines,
    async stop() {
      await core?.handler.stop();
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
    entries: (ns) => store.entries(ns),
    // Counted only where the counter lives in the store (Redis); elsewhere it is the process's own memory.
    rateCounter: (name, points, windowMs) => {
      const counter = store.rateCounter(name, points, windowMs);
      return store.kind === 'redis' ? { hit: (key) => (writes.push(`rate ${name}`), counter.hit(key)) } : counter;
    },
    ping: () => store.ping(),
    close: () => store.close(),
  };
  return { store: counted, writes };
}
