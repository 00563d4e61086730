import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { BotProcess, killAllBots, PROCESS_SECRETS, slackHttpEnv } from '../helpers/bot-process.js';
import { startFakeSlack, waitFor, type FakeSlack } from '../helpers/fake-slack.js';
import { appKey, rawRedis, type RawRedis } from '../helpers/redis-records.js';
import { PrivateRedis, hasRedisServer } from '../helpers/redis-server.js';
import { button, driver, type SlackDriver } from '../helpers/slack-wire.js';

/**
 * A poll's lock taken by another process (the built store in a small child script) that then dies
 * or freezes: the bot's vote waits at most one lock lifetime (3 s), and the frozen holder's late
 * write is refused, so the vote counted meanwhile stands.
 */

let redis: PrivateRedis;
let fake: FakeSlack;
let raw: RawRedis;
let slack: SlackDriver;
let bot: BotProcess;
const holders: ChildProcess[] = [];
const bob = { id: 'UBOB', name: 'bob' };

beforeAll(async () => {
  if (!hasRedisServer) return;
  redis = await PrivateRedis.start();
  fake = await startFakeSlack();
  slack = driver(fake, PROCESS_SECRETS.signingSecret);
  fake.users.set(bob.id, { name: 'bob', real_name: 'Bob' });
  bot = await BotProcess.start({ name: 'locks', env: slackHttpEnv(fake, redis.url) });
  raw = await rawRedis(redis.url);
}, 30_000);

afterAll(async () => {
  for (const h of holders) if (h.exitCode === null && h.signalCode === null) h.kill('SIGKILL');
  await killAllBots();
  await raw?.close();
  await fake?.close();
  await redis?.stop();
});

/** A holder process with the lock of the poll `id` in `channel`; resolves once it holds it. */
async function holdPollLock(channel: string, id: string) {
  const script = join(packageRoot(), 'tests', 'helpers', 'lock-holder.mjs');
  const child = spawn(process.execPath, [script, redis.url, `poll:slack:T1:${channel}:${id}`, 'polls', `slack:T1:${channel}:${id}`], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  holders.push(child);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += String(chunk)));
  await waitFor(() => (out.includes('held') ? true : undefined), 10_000, 'the holder to take the lock');
  return { child, output: () => out };
}

async function startPoll(channel: string) {
  const poll = await slack.startWith(bot.eventsUrl, 'poll Rust or Go? | Rust | Go', bob, channel);
  return { ts: String(poll.result?.ts), id: button(poll, 'Close poll').value, rust: button(poll, 'Rust') };
}

describe.skipIf(!hasRedisServer)('a poll lock whose holder dies or freezes', () => {
  it('GIVEN the holder is killed with SIGKILL THEN a vote waits for the lock at most 3 seconds', async () => {
    const { ts, id, rust } = await startPoll('CLKILL');
    const { child } = await holdPollLock('CLKILL', id);
    child.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await slack.vote(bot.eventsUrl, bob, 'CLKILL', ts, rust, 10_000)).toBe('You voted Rust.');
    const stalledMs = Date.now() - killedAt;
    console.info(`a vote after its poll's lock holder was killed waited ${stalledMs} ms`);
    // The dead holder's lock was still live (renewed up to a second before), and gone within its 3 s.
    expect(stalledMs).toBeGreaterThan(1_000);
    expect(stalledMs).toBeLessThan(3_500);
  });

  it('GIVEN the holder freezes (SIGSTOP) past its lock THEN a vote goes through, and its late write on waking is refused', async () => {
    const { ts, id, rust } = await startPoll('CLSTOP');
    const { child, output } = await holdPollLock('CLSTOP', id);
    child.kill('SIGSTOP');
    expect(await slack.vote(bot.eventsUrl, bob, 'CLSTOP', ts, rust, 10_000)).toBe('You voted Rust.');
    child.kill('SIGCONT');
    child.stdin?.write('write\n');
    await waitFor(() => (/refused|written|failed/.test(output()) ? true : undefined), 10_000, "the holder's write");
    expect(output()).toContain('refused');
    const stored = await raw.read(appKey('polls', `slack:T1:CLSTOP:${id}`));
    // A button press names the voter by the Slack handle it carries.
    expect(stored?.value.votes).toEqual({ UBOB: { o: 0, n: 'bob' } });
  });
});
