import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, killAllBots, PROCESS_SECRETS, slackHttpEnv } from '../helpers/bot-process.js';
import { startFakeSlack, waitFor, type FakeSlack } from '../helpers/fake-slack.js';
import { PrivateRedis, hasRedisServer } from '../helpers/redis-server.js';
import { commandFields, commandRequest, send } from '../helpers/slack-signing.js';
import { responseText } from '../helpers/slack-wire.js';

/**
 * Two bot processes on one Redis, behind a load balancer: one user's commands split across both
 * still count against one allowance (RATE_LIMIT_PER_MINUTE, 20 by default), not one per process.
 */

let redis: PrivateRedis;
let fake: FakeSlack;
let bots: BotProcess[] = [];

beforeAll(async () => {
  if (!hasRedisServer) return;
  redis = await PrivateRedis.start();
  fake = await startFakeSlack();
  fake.users.set('UFAST', { name: 'fast', real_name: 'Fast' });
  bots = await Promise.all(['rate-a', 'rate-b'].map((name) => BotProcess.start({ name, env: slackHttpEnv(fake, redis.url) })));
}, 40_000);

afterAll(async () => {
  await killAllBots();
  await fake?.close();
  await redis?.stop();
});

const count = (msg: string) => bots.reduce((n, bot) => n + bot.logLines().filter((l) => l.msg === msg).length, 0);

describe.skipIf(!hasRedisServer)('the per-user rate limit over two processes on one Redis', () => {
  it('GIVEN 60 commands from one user split across both processes THEN 20 are answered, one is told to slow down, 39 are dropped', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `fast-${i}`);
    const fields = (id: string) => commandFields('help', { id: 'UFAST', name: 'fast' }, { id: 'CRATE', name: 'crate' }, fake.responseUrl(id));
    const acks = await Promise.all(ids.map((id, i) => send(bots[i % 2]!.eventsUrl, commandRequest(PROCESS_SECRETS.signingSecret, fields(id)))));
    expect(acks.every((a) => a.status === 200)).toBe(true);
    // A reply travels in the command's ack when it is ready in time, else through its response_url.
    const inAck = (i: number): string | undefined => {
      const body = acks[i]?.body.trim() ?? '';
      const text = body && body !== '{}' ? (JSON.parse(body) as { text?: unknown }).text : undefined;
      return typeof text === 'string' ? text : undefined;
    };
    // Every refused command is logged; once all 40 are, no other answer can still be coming.
    await waitFor(() => (count('rate limited: dropped') + count('rate limit reached') >= 40 ? true : undefined), 10_000, '40 refusals logged');
    const texts = () => ids.map((id, i) => inAck(i) ?? responseText(fake, id)).filter((t): t is string => t !== undefined);
    await waitFor(() => (texts().length >= 21 ? true : undefined), 10_000, '21 replies');
    const slowDowns = texts().filter((t) => /going a bit fast/.test(t));
    expect(slowDowns).toHaveLength(1);
    expect(texts().length - slowDowns.length).toBe(20);
    expect([count('rate limited: dropped'), count('rate limit reached')]).toEqual([39, 1]);
    // Both processes answered some: the split really happened.
    for (const bot of bots) expect(bot.logLines().some((l) => l.msg === 'rate limit reached' || l.msg === 'rate limited: dropped')).toBe(true);
  });
});
