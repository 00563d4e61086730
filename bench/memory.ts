import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { FakeDiscord } from '../tests/helpers/fake-discord.js';
import { freePort } from '../tests/helpers/net.js';
import { startFakeSlack } from '../tests/helpers/fake-slack.js';
import { commandFields, commandRequest, send } from '../tests/helpers/slack-signing.js';
import { startCommand } from './start-command.js';
import { round } from './stats.js';

export interface MemorySample {
  rssMb: number;
  heapUsedMb: number;
}

export interface MemoryBenchResult {
  /** The bot process with Slack (HTTP) and Discord connected, idle. */
  afterStart: MemorySample;
  /** …after `polls` polls were created and posted through signed /rustgo commands. */
  afterPolls: MemorySample;
  /** …after as many polls again: a plateau here means the growth is not kept. */
  afterMorePolls: MemorySample;
  polls: number;
  nodeFlags: string[];
}

const SECRET = 'bench-memory-signing-secret-42';

/** Resident set size of another process, from /proc (Linux), in MB. */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return round(kb / 1024);
}

/** The node flags of `npm start`, so the bench measures the process as users run it. */

/**
 * Starts the real built app as its own process with both adapters (Slack over HTTP against a
 * fake Slack, Discord against a fake gateway) on a fresh SQLite file and measures its memory.
 */
export async function benchMemory(polls = 10_000): Promise<MemoryBenchResult> {
  const slack = await startFakeSlack();
  const discord = await FakeDiscord.start();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rustgo-mem-'));
  const { flags: nodeFlags, entry } = startCommand();
  const child = spawn(process.execPath, [...nodeFlags, entry], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-bench-memory-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      PORT: String(port),
      STORE_URL: `sqlite://${join(dir, 'bench.sqlite')}`,
      RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pid = child.pid as number;
  try {
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 200) throw new Error('bot did not become healthy');
      await sleep(100);
    }
    const sample = async (): Promise<MemorySample> => {
      await sleep(2_000);
      const body = (await (await fetch(`${url}/healthz`)).json()) as { memory: { heapUsedMb: number } };
      return { rssMb: rssOf(pid), heapUsedMb: body.memory.heapUsedMb };
    };
    const afterStart = await sample();
    let sent = 0;
    const createPolls = async () => {
      const target = sent + polls;
      const worker = async () => {
        while (sent < target) {
          const i = sent++;
          const fields = commandFields(`poll Which language for service ${i}? | Rust | Go`, { id: `U${i}` }, { id: `C${i % 50}`, name: 'general' }, slack.responseUrl(`r${i}`));
          const { status } = await send(`${url}/slack/events`, commandRequest(SECRET, fields));
          if (status !== 200) throw new Error(`poll ${i}: HTTP ${status}`);
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      // Acks come first; wait until every poll message has actually been posted.
      for (let i = 0; slack.callsTo('chat.postMessage').length < polls; i++) {
        if (i > 1_200) throw new Error(`only ${slack.callsTo('chat.postMessage').length} of ${polls} polls were posted`);
        await sleep(100);
      }
      slack.reset();
      sent = target;
    };
    await createPolls();
    const afterPolls = await sample();
    await createPolls();
    return { afterStart, afterPolls, afterMorePolls: await sample(), polls, nodeFlags };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await slack.close();
    await discord.close();
  }
}

export interface RetainedHeapResult {
  /** V8 heap in use after a full GC, in MB: after start, after `polls` polls, after as many again. */
  afterStartMb: number;
  afterPollsMb: number;
  afterMorePollsMb: number;
}

/**
 * What the bot keeps, as opposed to what it has not yet given back: the core and the Slack adapter
 * in this process (run with --expose-gc), heap measured after a full collection. The fake Slack's
 * own records are cleared between rounds.
 */
export async function benchRetainedHeap(polls = 10_000): Promise<RetainedHeapResult | undefined> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  const [{ createCore }, { loadConfig }, { silentLogger }, { createSlackAdapter }] = await Promise.all([
    import('../src/app.js'),
    import('../src/config.js'),
    import('../src/logger.js'),
    import('../adapters/slack/index.js'),
  ]);
  const slack = await startFakeSlack();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rustgo-heap-'));
  const config = loadConfig({
    STORE_URL: `sqlite://${join(dir, 'heap.sqlite')}`,
    RATE_LIMIT_PER_MINUTE: '100000',
    SLACK_BOT_TOKEN: 'xoxb-bench-heap-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: String(port),
  });
  const { bot, store } = await createCore(config, silentLogger());
  const adapter = createSlackAdapter(config.slack as NonNullable<typeof config.slack>, { handler: bot, logger: silentLogger(), host: '127.0.0.1' });
  await bot.start({ outboxes: [adapter.outbox] });
  await adapter.start();
  const heapMb = async () => {
    await sleep(1_500);
    gc();
    return round(process.memoryUsage().heapUsed / 1024 / 1024);
  };
  let sent = 0;
  const round10k = async () => {
    const target = sent + polls;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (sent < target) {
          const i = sent++;
          const fields = commandFields(`poll Which language for service ${i}? | Rust | Go`, { id: `U${i}` }, { id: `C${i % 50}`, name: 'general' }, slack.responseUrl(`r${i}`));
          await send(`http://127.0.0.1:${port}/slack/events`, commandRequest(SECRET, fields));
        }
      }),
    );
    for (let i = 0; slack.callsTo('chat.postMessage').length < polls && i < 1_200; i++) await sleep(100);
    slack.reset();
  };
  try {
    const afterStartMb = await heapMb();
    await round10k();
    const afterPollsMb = await heapMb();
    await round10k();
    return { afterStartMb, afterPollsMb, afterMorePollsMb: await heapMb() };
  } finally {
    await bot.stop();
    await adapter.stop();
    await store.close();
    await slack.close();
  }
}
