import { createDiscordAdapter } from '../adapters/discord/index.js';
import type { MessageHandler } from '../src/core/messages.js';
import { silentLogger, type Logger } from '../src/logger.js';
import { FakeDiscord, type RecordedRequest } from '../tests/helpers/fake-discord.js';
import { percentile, round } from './stats.js';

export interface DiscordBenchOptions {
  /** The core (or any handler) that answers; the bench measures the whole path through it. */
  readonly handler: MessageHandler;
  /** Mentions sent; 1,000 by default. */
  readonly messages?: number;
  /** Distinct senders; 250 by default. */
  readonly users?: number;
  /**
   * Mentions sent per second; 45 by default. Discord allows a bot 50 REST requests a second and
   * discord.js enforces it, so a faster rate measures the client's queue, not the bot.
   */
  readonly ratePerSecond?: number;
  readonly logger?: Logger;
}

export interface DiscordBenchResult {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly messages: number;
}

const TEXTS = ['help', 'does Go’s GC hurt tail latency?', 'checklist', 'what about compile times?'];

/**
 * Mention-to-reply latency through the real discord.js client: from the fake gateway dispatching
 * MESSAGE_CREATE to the fake REST API receiving the reply, for many users over three channels.
 */
export async function benchDiscord(opts: DiscordBenchOptions): Promise<DiscordBenchResult> {
  const total = opts.messages ?? 1000;
  const users = opts.users ?? 250;
  const gapMs = 1000 / (opts.ratePerSecond ?? 45);
  const fake = await FakeDiscord.start();
  const adapter = createDiscordAdapter({ token: fake.token, apiUrl: fake.apiUrl }, { handler: opts.handler, logger: opts.logger ?? silentLogger() });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let allAnswered: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allAnswered = resolve));
  fake.on('request', (r: RecordedRequest) => {
    const id = (r.json as { message_reference?: { message_id?: string } } | undefined)?.message_reference?.message_id;
    const t0 = id ? sentAt.get(id) : undefined;
    if (id === undefined || t0 === undefined) return;
    sentAt.delete(id);
    latencies.push(r.at - t0);
    if (latencies.length === total) allAnswered();
  });
  try {
    await adapter.start();
    const { world } = fake;
    const channels = [world.channelId, world.otherChannelId, world.threadId];
    const start = performance.now();
    for (let n = 0; n < total; n++) {
      const wait = start + n * gapMs - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const text = TEXTS[n % TEXTS.length] ?? 'help';
      const d = world.message(world.user(n % users), text, { channelId: channels[n % channels.length] });
      sentAt.set(d.id as string, performance.now());
      fake.gateway.dispatch('MESSAGE_CREATE', d);
    }
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 30_000).unref());
    await Promise.race([done, timeout]);
  } finally {
    await adapter.stop();
    await fake.close();
  }
  return { p50Ms: round(percentile(latencies, 50), 2), p99Ms: round(percentile(latencies, 99), 2), messages: latencies.length };
}
