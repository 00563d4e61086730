import { spawn } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createSlackAdapter } from '../adapters/slack/index.js';
import { boltLogger } from '../adapters/slack/bolt-logger.js';
import type { MessageHandler } from '../src/core/messages.js';
import { silentLogger, type Logger } from '../src/logger.js';
import { percentile, round } from './stats.js';

/**
 * Signed slash-command throughput and ack latency, side by side: the bot's real Slack adapter
 * with the real core, a minimal Bolt app whose /rustgo handler only acks, and a bare node:http
 * server doing the same signature check. The load generator runs in this process too, so the
 * figures compare the three on equal terms rather than giving absolute capacity.
 */

export interface BenchSlackOptions {
  /** The real core (createBot(...)); its replies go to `apiUrl`. */
  handler: MessageHandler;
  /** Web API base the adapter calls after the ack; default: a sink on 127.0.0.1 that answers like Slack. */
  apiUrl?: string;
  /** Used as every command's response_url; default: the same sink. */
  responseUrl?: string;
  logger?: Logger;
  /** Distinct user ids the load comes from. Default 2,000. */
  users?: number;
  /** Fixed-rate run: requests per second (default 200) for `fixedSeconds` (default 5). */
  rate?: number;
  fixedSeconds?: number;
  /** Max-throughput run: requests kept in flight (default 32) for `maxSeconds` (default 5). */
  concurrency?: number;
  maxSeconds?: number;
  /** Command text sent by every request. Default `help`. */
  text?: string;
  /**
   * Which servers to measure; default all four. `botAckPath` is the bot's adapter with a handler
   * that does nothing: the ack path alone, without the core's work after the ack.
   */
  targets?: ReadonlyArray<'bot' | 'botAckPath' | 'minimalBolt' | 'bare'>;
}

export interface RunFigures {
  requests: number;
  errors: number;
  /** Completed requests per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export interface TargetFigures {
  fixed: RunFigures;
  max: RunFigures;
}

export interface BenchSlackResult {
  bot?: TargetFigures;
  botAckPath?: TargetFigures;
  minimalBolt?: TargetFigures;
  bare?: TargetFigures;
  /** Max-throughput ratios (NaN when a side was not measured). */
  ratios: { botToMinimalBolt: number; botAckPathToMinimalBolt: number; minimalBoltToBare: number; botToBare: number };
}

const SECRET = 'bench-signing-secret-0123456789';
const TOKEN = 'xoxb-bench-0000-token';

function sign(body: string, timestamp: number): string {
  return `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

function bareServer(): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const ts = Number(req.headers['x-slack-request-timestamp']);
      const given = Buffer.from(String(req.headers['x-slack-signature'] ?? ''));
      const expected = Buffer.from(sign(body, ts));
      const fresh = Math.abs(Date.now() / 1000 - ts) <= 300;
      if (!fresh || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.writeHead(401).end();
        return;
      }
      const fields = new URLSearchParams(body);
      if (fields.get('command') !== '/rustgo') return void res.writeHead(404).end();
      res.writeHead(200).end();
    });
  });
}

/**
 * Answers every Web API call and response_url POST with a plausible `{ ok: true, … }`. It runs in
 * a child process so that its work is not counted against the server being measured (real Slack
 * is elsewhere too).
 */
const SINK_SOURCE = `
const http = require('node:http');
let ts = 1700000000;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, user_id: 'UBENCHBOT', bot_id: 'BBENCH', user: 'rustgo', ts: ++ts + '.000100', channel: { id: 'DBENCH' } }));
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

async function startSink(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', SINK_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bench sink exited with code ${code}`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(String(chunk).trim()));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => void child.kill() };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function figures(latencies: number[], errors: number, seconds: number): RunFigures {
  return {
    requests: latencies.length + errors,
    errors,
    rps: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
  };
}

class Load {
  private seq = 0;
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    private readonly users: number,
    private readonly text: string,
    private readonly responseUrl: string,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  /** One signed slash command; resolves with its latency in ms, or -1 for a non-200 answer. */
  send(): Promise<number> {
    const n = this.seq++;
    const user = `U${(n % this.users).toString(36).toUpperCase().padStart(6, '0')}`;
    const body = new URLSearchParams({
      team_id: 'T1',
      team_domain: 'bench',
      channel_id: 'CBENCH',
      channel_name: 'bench',
      user_id: user,
      user_name: user.toLowerCase(),
      command: '/rustgo',
      text: this.text,
      api_app_id: 'A1',
      response_url: this.responseUrl,
      trigger_id: `bench.${n}.${Date.now()}`,
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const started = performance.now();
    return new Promise((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          path: '/slack/events',
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': sign(body, ts),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - started : -1));
        },
      );
      req.on('error', () => resolve(-1));
      req.end(body);
    });
  }

  async fixedRate(rate: number, seconds: number): Promise<RunFigures> {
    const total = Math.round(rate * seconds);
    const interval = 1000 / rate;
    const pending: Promise<number>[] = [];
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      pending.push(this.send());
    }
    const results = await Promise.all(pending);
    return figures(results.filter((r) => r >= 0), results.filter((r) => r < 0).length, seconds);
  }

  async maxThroughput(concurrency: number, seconds: number): Promise<RunFigures> {
    const latencies: number[] = [];
    let errors = 0;
    const end = performance.now() + seconds * 1000;
    const worker = async () => {
      while (performance.now() < end) {
        const ms = await this.send();
        if (ms >= 0) latencies.push(ms);
        else errors++;
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return figures(latencies, errors, (performance.now() - start) / 1000);
  }

  close(): void {
    this.agent.destroy();
  }
}

interface LoadOptions {
  users: number;
  rate: number;
  fixedSeconds: number;
  concurrency: number;
  maxSeconds: number;
  text: string;
  responseUrl: string;
}

async function measure(port: number, opts: LoadOptions): Promise<TargetFigures> {
  const load = new Load(port, opts.users, opts.text, opts.responseUrl, Math.max(opts.concurrency, 64));
  try {
    // Warm-up: JIT, sockets, the first users.info lookups.
    await load.maxThroughput(opts.concurrency, 1);
    const fixed = await load.fixedRate(opts.rate, opts.fixedSeconds);
    const max = await load.maxThroughput(opts.concurrency, opts.maxSeconds);
    return { fixed, max };
  } finally {
    load.close();
  }
}

export async function benchSlack(options: BenchSlackOptions): Promise<BenchSlackResult> {
  const logger = options.logger ?? silentLogger();
  const sink = await startSink();
  try {
    return await run(options, logger, options.apiUrl ?? `${sink.url}/api/`, options.responseUrl ?? `${sink.url}/response`);
  } finally {
    sink.stop();
  }
}

async function run(options: BenchSlackOptions, logger: Logger, apiUrl: string, responseUrl: string): Promise<BenchSlackResult> {
  const opts: LoadOptions = {
    users: options.users ?? 2_000,
    rate: options.rate ?? 200,
    fixedSeconds: options.fixedSeconds ?? 5,
    concurrency: options.concurrency ?? 32,
    maxSeconds: options.maxSeconds ?? 5,
    text: options.text ?? 'help',
    responseUrl,
  };

  const targets = new Set(options.targets ?? ['bot', 'botAckPath', 'minimalBolt', 'bare']);
  const bareFigures = targets.has('bare') ? await measureBare(opts) : undefined;
  const minimalFigures = targets.has('minimalBolt') ? await measureMinimalBolt(opts, logger, apiUrl) : undefined;
  const botFigures = targets.has('bot') ? await measureBot(opts, logger, apiUrl, options.handler) : undefined;
  const nothing: MessageHandler = { handle: async () => {} };
  const ackPathFigures = targets.has('botAckPath') ? await measureBot(opts, logger, apiUrl, nothing) : undefined;
  const ratio = (a?: TargetFigures, b?: TargetFigures) => (a && b ? Math.round((a.max.rps / b.max.rps) * 100) / 100 : Number.NaN);
  return {
    bot: botFigures,
    botAckPath: ackPathFigures,
    minimalBolt: minimalFigures,
    bare: bareFigures,
    ratios: {
      botToMinimalBolt: ratio(botFigures, minimalFigures),
      botAckPathToMinimalBolt: ratio(ackPathFigures, minimalFigures),
      minimalBoltToBare: ratio(minimalFigures, bareFigures),
      botToBare: ratio(botFigures, bareFigures),
    },
  };
}

async function measureBare(opts: LoadOptions): Promise<TargetFigures> {
  const bare = bareServer();
  return measure(await listen(bare), opts).finally(() => new Promise((r) => bare.close(r)));
}

async function measureMinimalBolt(opts: LoadOptions, logger: Logger, apiUrl: string): Promise<TargetFigures> {

  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logger: boltLogger(logger, []) });
  const minimal = new App({
    receiver,
    token: TOKEN,
    botId: 'BBENCH',
    botUserId: 'UBENCHBOT',
    tokenVerificationEnabled: false,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: apiUrl },
  });
  minimal.command('/rustgo', async ({ ack }) => {
    await ack();
  });
  const minimalServer = (await minimal.start({ port: 0, host: '127.0.0.1' })) as Server;
  return measure((minimalServer.address() as AddressInfo).port, opts).finally(() => minimal.stop());
}

async function measureBot(opts: LoadOptions, logger: Logger, apiUrl: string, handler: MessageHandler): Promise<TargetFigures> {
  const adapter = createSlackAdapter(
    { mode: 'http', botToken: TOKEN, signingSecret: SECRET, apiUrl, port: 0 },
    { handler, logger, host: '127.0.0.1' },
  );
  await adapter.start();
  return measure(adapter.port() as number, opts).finally(() => adapter.stop());
}
