import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot, type Bot } from '../src/core/bot.js';
import { loadChecklist } from '../src/core/checklist/definition.js';
import { systemClock } from '../src/core/context.js';
import { loadHelp } from '../src/core/help.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import type { Conversation, MessageHandle, Outbox, Reply, Responder } from '../src/core/messages.js';
import { createClient } from '@keyv/redis';
import type { StoreConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { builtInKnowledgeDir } from '../src/paths.js';
import { openBackend } from '../src/state/backends.js';
import { openStore, type Store } from '../src/state/store.js';
import { round } from './stats.js';

export interface PollBenchResult {
  store: StoreConfig['kind'];
  /** Votes per second through the core: many polls in many channels, everyone voting at once. */
  votesPerSecond: number;
  votes: number;
  /** 500 different users pressing at once on one poll: until every voter has their confirmation, in ms. */
  burstConfirmedMs: number;
  /** …and until the poll message's last edit shows all 500 (edits are coalesced, at most one a second). */
  burstShownMs: number;
  /** Raw Keyv `set` per second on the same kind of store, all writes at once. */
  rawSetsPerSecond: number;
  /** votesPerSecond / rawSetsPerSecond. */
  ratio: number;
}

class CountingOutbox implements Outbox {
  readonly platform = 'slack' as const;
  lastTotal = 0;
  lastAt = 0;
  async post(conversation: Conversation): Promise<MessageHandle> {
    return { conversation, messageId: 'posted' };
  }
  async update(_message: MessageHandle, reply: Reply): Promise<void> {
    const m = /\*\*Total: (\d+)\*\*/.exec(reply.sections.join('\n'));
    this.lastTotal = m ? Number(m[1]) : this.lastTotal;
    this.lastAt = performance.now();
  }
}

async function benchBot(store: Store): Promise<{ bot: Bot; outbox: CountingOutbox }> {
  const dir = builtInKnowledgeDir();
  const bot = createBot({
    store,
    logger: silentLogger(),
    clock: systemClock,
    checklist: await loadChecklist(join(dir, 'checklist.yaml')),
    help: await loadHelp(join(dir, 'help.yaml')),
    knowledge: await loadKnowledge(dir),
    rateLimitPerMinute: 1_000_000,
  });
  const outbox = new CountingOutbox();
  bot.registerOutbox(outbox);
  return { bot, outbox };
}

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
let counter = 0;
/** When the newest voter confirmation was sent (performance.now()). */
let lastConfirmation = 0;

async function send(bot: Bot, conversation: Conversation, user: string, part: { text?: string; button?: { action: string; value: string } }): Promise<Reply[]> {
  const replies: Reply[] = [];
  let n = 0;
  const responder: Responder = {
    send: async (reply) => {
      replies.push(reply);
      if (reply.ephemeral) lastConfirmation = Math.max(lastConfirmation, performance.now());
      return reply.ephemeral ? undefined : { conversation, messageId: `m${++n}` };
    },
  };
  await bot.handle(
    {
      eventId: `${run}-${++counter}`,
      conversation,
      sender: { id: user, name: user, isAdmin: async () => false },
      kind: part.button ? 'button' : 'command',
      text: part.text ?? '',
      commandPrefix: '',
      button: part.button,
    },
    responder,
  );
  return replies;
}

async function startPoll(bot: Bot, conversation: Conversation): Promise<Reply> {
  const [poll] = await send(bot, conversation, 'UCREATOR', { text: 'poll' });
  if (!poll?.buttons?.length) throw new Error('bench: the poll was not posted');
  return poll;
}

function voteOn(bot: Bot, conversation: Conversation, poll: Reply, user: string, i: number): Promise<Reply[]> {
  const choice = poll.buttons?.[i % 4];
  if (!choice) throw new Error('bench: no vote button');
  return send(bot, conversation, user, { button: { action: choice.action, value: choice.value } });
}

const channel = (i: number): Conversation => ({ platform: 'slack', workspaceId: `TB${run}`, channelId: `C${i}`, isDirect: false });

/**
 * Votes/s over `polls` polls with `voters` each, all at once, counted until the last voter's
 * confirmation (the coalesced message edits that follow are paced at one a second and not counted).
 */
async function votesPerSecond(bot: Bot, polls = 20, voters = 100): Promise<number> {
  const posted = await Promise.all(Array.from({ length: polls }, (_, p) => startPoll(bot, channel(p))));
  const started = performance.now();
  lastConfirmation = 0;
  await Promise.all(
    posted.flatMap((poll, p) => Array.from({ length: voters }, (_, i) => voteOn(bot, channel(p), poll, `U${p}-${i}`, i))),
  );
  return (polls * voters) / ((lastConfirmation - started) / 1000);
}

async function burst(bot: Bot, outbox: CountingOutbox, voters = 500): Promise<{ confirmedMs: number; shownMs: number }> {
  const where = channel(10_000);
  const poll = await startPoll(bot, where);
  const started = performance.now();
  lastConfirmation = 0;
  await Promise.all(
    Array.from({ length: voters }, async (_, i) => {
      const replies = await voteOn(bot, where, poll, `UB${i}`, i);
      if (!replies[0]?.ephemeral) throw new Error(`bench: vote ${i} was not confirmed`);
    }),
  );
  if (outbox.lastTotal !== voters) throw new Error(`bench: the last poll edit showed ${outbox.lastTotal}, not ${voters}`);
  return { confirmedMs: lastConfirmation - started, shownMs: outbox.lastAt - started };
}

/** Raw Keyv `set` throughput on a backend of the same kind, `n` writes at once. */
async function rawSets(config: StoreConfig, namespace: string, n = 2_000): Promise<number> {
  const backend = await openBackend(config, { namespace: `${namespace}raw` });
  try {
    const value = { v: 1, o: 1, n: 'Some Voter' };
    const started = performance.now();
    await Promise.all(Array.from({ length: n }, (_, i) => backend.keyv.set(`k${i}`, value)));
    const perSecond = n / ((performance.now() - started) / 1000);
    return perSecond;
  } finally {
    await backend.close();
  }
}

/** Deletes this run's keys (both namespaces start with `namespace`) so a shared Redis keeps nothing. */
async function dropRedisKeys(url: string, namespace: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${namespace}*`, COUNT: 1_000 })) {
      const list = Array.isArray(keys) ? keys : [keys];
      if (list.length) await client.del(list);
    }
  } finally {
    await client.quit();
  }
}

/** All poll figures on one store configuration. */
export async function benchPollsOn(config: StoreConfig): Promise<PollBenchResult> {
  const namespace = `benchpolls${run}`;
  const store = await openStore(config, { logger: silentLogger(), namespace });
  let result: Omit<PollBenchResult, 'rawSetsPerSecond' | 'ratio'>;
  try {
    const { bot, outbox } = await benchBot(store);
    const votes = await votesPerSecond(bot);
    const b = await burst(bot, outbox);
    result = { store: config.kind, votesPerSecond: round(votes, 0), votes: 2_000, burstConfirmedMs: round(b.confirmedMs, 0), burstShownMs: round(b.shownMs, 0) };
  } finally {
    await store.close();
  }
  const raw = await rawSets(config, namespace);
  if (config.kind === 'redis') await dropRedisKeys(config.url, namespace);
  return { ...result, rawSetsPerSecond: round(raw, 0), ratio: round(result.votesPerSecond / raw, 3) };
}

/**
 * Poll throughput on memory, SQLite (a temporary file) and, when a URL is given, Redis.
 * Returns the numbers; writing them anywhere is the caller's business. Bench keys live in their own
 * namespace, deleted from Redis afterwards.
 */
export async function benchPolls(options: { redisUrl?: string | undefined } = {}): Promise<PollBenchResult[]> {
  const configs: StoreConfig[] = [
    { kind: 'memory' },
    { kind: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'rustgo-bench-polls-')), 'bench.sqlite') },
  ];
  if (options.redisUrl) configs.push({ kind: 'redis', url: options.redisUrl });
  const results: PollBenchResult[] = [];
  for (const config of configs) results.push(await benchPollsOn(config));
  return results;
}
