import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeSlack, type ApiCall, type FakeSlack } from '../tests/helpers/fake-slack.js';
import { freePort } from '../tests/helpers/net.js';
import { button } from '../tests/helpers/slack-wire.js';
import { actionRequest, blockActions, commandFields, commandRequest, send, type SignedRequest } from '../tests/helpers/slack-signing.js';
import { startCommand } from './start-command.js';
import { percentile, round } from './stats.js';

/**
 * A flood against the built app as its own process (Slack over HTTP, a fresh SQLite store, the
 * default rate limit): `total` signed requests from `users` users over `seconds`, sent at a steady
 * pace whatever the bot answers, a third each `help`, `ask …` and votes on ten polls. Measures
 * every ack's latency from the moment it was due, and the bot's resident memory before and after.
 */

export interface FloodOptions {
  total?: number;
  users?: number;
  seconds?: number;
  /** Default: a fresh SQLite file. */
  storeUrl?: string;
}

export interface FloodResult {
  sent: number;
  acked: number;
  /** Requests not answered 200 (errors, timeouts). */
  failed: number;
  /** Why they failed: the status, or the client's error code (`ECONNRESET` when a kept-alive socket closed under it). */
  failures: Record<string, number>;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  /** Acks that took 3 s or more (Slack gives up at 3 s). */
  over3s: number;
  /** The machine's one-minute load average when the flood ended: other work on the same cores. */
  loadAverage: number;
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
  /** What users were told: answers, slow-down notes (rate limit), busy notes (backpressure). */
  answered: number;
  slowDowns: number;
  busy: number;
}

const SECRET = 'bench-flood-signing-secret-7c1';
const QUESTIONS = ['is Go garbage collected?', 'how long does Rust take to compile?', 'which one is easier to hire for?', 'what about async?'];

function rssOf(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
  return round(kb / 1024);
}


/** Waits until the bot has sent nothing for `quietMs` (its work after the acks is done). */
async function settled(fake: FakeSlack, quietMs = 1_500, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const now = fake.calls.length + fake.responses.length;
    if (now !== last) [last, since] = [now, Date.now()];
    else if (Date.now() - since >= quietMs) return;
    await sleep(100);
  }
}

async function openPolls(fake: FakeSlack, url: string): Promise<ApiCall[]> {
  for (let i = 0; i < 10; i++) {
    const fields = commandFields(`poll Flood poll ${i}: Rust or Go? | Rust | Go`, { id: `UPOLL${i}` }, { id: `CFLOOD${i}`, name: 'general' }, fake.responseUrl(`poll-${i}`));
    await send(url, commandRequest(SECRET, fields));
  }
  for (let i = 0; fake.callsTo('chat.postMessage').length < 10; i++) {
    if (i > 100) throw new Error('the flood polls were not posted');
    await sleep(100);
  }
  return fake.callsTo('chat.postMessage').slice(0, 10);
}

/** One signed POST over plain node:http (lighter than fetch, so the generator keeps its pace); resolves to the status. */
function post(url: string, req: SignedRequest, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = httpRequest(url, { method: 'POST', headers: req.headers, agent, timeout: 30_000 }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    r.once('error', reject);
    r.once('timeout', () => r.destroy(new Error('timed out')));
    r.end(req.body);
  });
}

function request(fake: FakeSlack, i: number, users: number, polls: ApiCall[]): SignedRequest {
  const user = { id: `UF${i % users}` };
  const rid = `flood-${i}`;
  if (i % 3 === 2) {
    const poll = polls[i % polls.length] as ApiCall;
    const vote = button(poll, i % 2 ? 'Rust' : 'Go');
    const payload = blockActions({ user, channel: String(poll.body.channel), ts: String(poll.result?.ts), actionId: vote.action_id, value: vote.value, responseUrl: fake.responseUrl(rid) });
    return actionRequest(SECRET, payload);
  }
  const text = i % 3 === 0 ? 'help' : `ask ${QUESTIONS[i % QUESTIONS.length]}`;
  return commandRequest(SECRET, commandFields(text, user, { id: `CF${i % 40}`, name: 'general' }, fake.responseUrl(rid)));
}

/** Sends `requests` evenly over `seconds`, never waiting for answers; each latency counts from when it was due. */
async function paced(url: string, requests: readonly SignedRequest[], seconds: number): Promise<{ latencies: number[]; failures: Record<string, number> }> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const fail = (why: string) => void (failures[why] = (failures[why] ?? 0) + 1);
  const pending: Array<Promise<void>> = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const began = performance.now();
  for (const [i, req] of requests.entries()) {
    const due = began + (i * seconds * 1_000) / requests.length;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(
      post(url, req, agent).then(
        (status) => (status === 200 ? void latencies.push(performance.now() - due) : fail(`HTTP ${status}`)),
        (err: NodeJS.ErrnoException) => fail(err.code ?? err.message),
      ),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return { latencies, failures };
}

export async function benchFlood(options: FloodOptions = {}): Promise<FloodResult> {
  const { total = 20_000, users = 500, seconds = 60 } = options;
  const fake = await startFakeSlack();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rustgo-flood-'));
  const { flags, entry } = startCommand();
  const child = spawn(process.execPath, [...flags, entry], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-bench-flood-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      STORE_URL: options.storeUrl ?? `sqlite://${join(dir, 'flood.sqlite')}`,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pid = child.pid as number;
  const url = `http://127.0.0.1:${port}/slack/events`;
  try {
    for (let i = 0; !(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)); i++) {
      if (i > 200) throw new Error('the bot did not become healthy');
      await sleep(100);
    }
    const polls = await openPolls(fake, url);
    // The first question builds the knowledge index (the bot defers it): built before the start sample, it
    // counts as start-up, so end/start measures what the flood itself leaves behind.
    await send(url, commandRequest(SECRET, commandFields(`ask ${QUESTIONS[0]}`, { id: 'UWARM' }, { id: 'CFLOOD0', name: 'general' }, fake.responseUrl('warm'))));
    await settled(fake, 1_000);
    const rssStartMb = rssOf(pid);
    let rssPeakMb = rssStartMb;
    const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssOf(pid))), 1_000);

    // Signed up front (Slack accepts a signature for 5 minutes), so the pace is not held up by hashing.
    const requests = Array.from({ length: total }, (_, i) => request(fake, i, users, polls));
    const { latencies, failures } = await paced(url, requests, seconds);
    await settled(fake);
    clearInterval(sampler);
    const rssEndMb = rssOf(pid);
    const posted = fake.calls.filter((c) => /^chat\.post(Message|Ephemeral)$/.test(c.method) && /^CF\d+$/.test(String(c.body.channel)));
    const texts = [...fake.responses.filter((r) => r.id.startsWith('flood-')).map((r) => r.body), ...posted.map((c) => c.body)].map((b) => (typeof b.text === 'string' ? b.text : ''));
    const slowDowns = texts.filter((t) => /going a bit fast/.test(t)).length;
    const busy = texts.filter((t) => /swamped/.test(t)).length;
    latencies.sort((a, b) => a - b);
    return {
      sent: total,
      acked: latencies.length,
      failed: Object.values(failures).reduce((a, b) => a + b, 0),
      failures,
      ackP50Ms: round(percentile(latencies, 50)),
      ackP99Ms: round(percentile(latencies, 99)),
      ackMaxMs: round(latencies.at(-1) ?? 0),
      over3s: latencies.filter((ms) => ms >= 3_000).length,
      loadAverage: round(loadavg()[0] ?? 0),
      rssStartMb,
      rssPeakMb: Math.max(rssPeakMb, rssEndMb),
      rssEndMb,
      answered: texts.length - slowDowns - busy,
      slowDowns,
      busy,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await fake.close();
  }
}

/** Runs the flood and adds its rows to the bench table. */
export async function floodRows(add: (what: string, figure: string, note?: string) => void): Promise<FloodResult> {
  const r = await benchFlood();
  add(
    'flood: 20,000 signed requests in 60 s from 500 users, ack p50 / p99 / max',
    `${r.ackP50Ms} / ${r.ackP99Ms} / ${r.ackMaxMs} ms`,
    `the built app on SQLite; ${r.acked} acked, ${r.failed} failed${r.failed ? ` (${Object.entries(r.failures).map(([why, n]) => `${n} ${why}`).join(', ')})` : ''}, ${r.over3s} took 3 s or more; help, ask and votes in equal parts; machine load average ${r.loadAverage}`,
  );
  add(
    'flood: resident memory start / peak / end',
    `${r.rssStartMb} / ${r.rssPeakMb} / ${r.rssEndMb} MB`,
    `end/start ${round(r.rssEndMb / r.rssStartMb)} (target at most 1.5); users got ${r.answered} answers, ${r.slowDowns} slow-down notes, ${r.busy} busy notes`,
  );
  return r;
}
