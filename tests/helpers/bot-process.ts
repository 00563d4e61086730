import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import type { FakeSlack } from './fake-slack.js';
import { freePort } from './net.js';

/**
 * The built app as `npm start` runs it (the bundle `dist/app/main.js`) as a child process, for tests that need real processes:
 * several bots on one store, SIGTERM/SIGKILL, /healthz as an orchestrator sees it. Every listener
 * binds 127.0.0.1 (HOST); stdout and stderr are captured so tests can grep the logs.
 */

export const ENTRY = join(packageRoot(), 'dist', 'app', 'main.js');

/** Secrets the spawned bots get; tests assert they never appear in any captured log. */
export const PROCESS_SECRETS = {
  botToken: 'xoxb-proc-0000000001-processbottoken9q7z',
  signingSecret: 'proc-signing-secret-5d1e07c4a9b2',
  appToken: 'xapp-1-proc-processapptoken-8e2f',
} as const;

/** The parent's environment without anything the app reads, so a developer's settings never leak in. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(SLACK_|DISCORD_|STORE_URL$|PORT$|HOST$|LOG_LEVEL$|KNOWLEDGE_DIR$|POLL_SECRET$|RATE_LIMIT_PER_MINUTE$|NODE_OPTIONS$)/.test(k)) {
      env[k] = v;
    }
  }
  return env;
}

/** Env of a Slack bot in HTTP mode against `fake` (PORT and HOST are added by `BotProcess.start`). */
export function slackHttpEnv(fake: FakeSlack, storeUrl: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: PROCESS_SECRETS.botToken,
    SLACK_SIGNING_SECRET: PROCESS_SECRETS.signingSecret,
    SLACK_API_URL: fake.apiUrl,
    STORE_URL: storeUrl,
  };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BotProcessOptions {
  /** The app's settings (on top of a clean environment). PORT and HOST are set unless given. */
  env: Record<string, string>;
  /** Shown in failures. */
  name?: string;
  port?: number;
  /** Start-up counts as done when /healthz answers 200 (default), when it answers at all, or at once (`spawned`). */
  ready?: 'healthy' | 'answering' | 'spawned';
  readyTimeoutMs?: number;
}

export interface HealthAnswer {
  status: number;
  body: {
    ok?: boolean;
    store?: { kind: string; reachable: boolean };
    adapters?: Record<string, string>;
    [k: string]: unknown;
  };
}

const running = new Set<BotProcess>();

/** A bot that exited (or never became ready) during start-up; `bot` holds its whole output. */
export class StartError extends Error {
  constructor(
    message: string,
    readonly bot: BotProcess,
  ) {
    super(message);
    this.name = 'StartError';
  }
}

export class BotProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly name: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.stdout += String(chunk)));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += String(chunk)));
    this.exited = new Promise<Exit>((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        running.delete(this);
        resolve(this.exit);
      });
    });
  }

  /** Spawns the app and waits until its /healthz answers (200 unless `ready: 'answering'`). */
  static async start(options: BotProcessOptions): Promise<BotProcess> {
    const port = options.port ?? (await freePort());
    const env = { ...cleanEnv(), LOG_LEVEL: 'debug', PORT: String(port), HOST: '127.0.0.1', ...options.env };
    const child = spawn(process.execPath, [ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const bot = new BotProcess(child, port, options.name ?? `bot:${port}`);
    running.add(bot);
    if (options.ready === 'spawned') return bot;
    try {
      await bot.waitReady(options.ready ?? 'healthy', options.readyTimeoutMs ?? 20_000);
    } catch (err) {
      await bot.stop('SIGKILL');
      throw new StartError(err instanceof Error ? err.message : String(err), bot);
    }
    return bot;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Bolt's endpoint in Slack HTTP mode. */
  get eventsUrl(): string {
    return `${this.baseUrl}/slack/events`;
  }

  get isRunning(): boolean {
    return this.exit === undefined;
  }

  /** Everything the process wrote so far, stdout then stderr. */
  logs(): string {
    return `${this.stdout}\n${this.stderr}`;
  }

  private parsed: Array<Record<string, unknown>> = [];
  private parsedUpTo = 0;

  /** The JSON log lines written to stdout so far (parsed once each, so polling stays cheap). */
  logLines(): Array<Record<string, unknown>> {
    const end = this.stdout.lastIndexOf('\n') + 1;
    if (end > this.parsedUpTo) {
      for (const line of this.stdout.slice(this.parsedUpTo, end).split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          this.parsed.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // A line cut by a kill: not a log line.
        }
      }
      this.parsedUpTo = end;
    }
    return this.parsed;
  }

  /** Polls the logs until a line matches (or throws after `timeoutMs`). */
  async waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs = 5_000, what = 'a log line'): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.logLines().find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`${this.name}: timed out waiting for ${what}\n${this.tail()}`);
      await sleep(20);
    }
  }

  async healthz(timeoutMs = 5_000): Promise<HealthAnswer> {
    const res = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: HealthAnswer['body'] = {};
    try {
      body = JSON.parse(text) as HealthAnswer['body'];
    } catch {
      body = { raw: text };
    }
    return { status: res.status, body };
  }

  /** Polls /healthz until `check` accepts the answer (or throws after `timeoutMs`). */
  async waitForHealth(check: (h: HealthAnswer) => boolean, timeoutMs = 10_000, what = 'a health answer'): Promise<HealthAnswer> {
    const deadline = Date.now() + timeoutMs;
    let last: HealthAnswer | string = 'no answer';
    for (;;) {
      try {
        const answer = await this.healthz(Math.max(500, deadline - Date.now()));
        last = answer;
        if (check(answer)) return answer;
      } catch (err) {
        last = String(err);
      }
      if (Date.now() > deadline) throw new Error(`${this.name}: timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
      await sleep(50);
    }
  }

  /** Sends `signal` and waits for the exit (SIGKILL after `timeoutMs` if a SIGTERM is not enough). */
  async stop(signal: 'SIGTERM' | 'SIGKILL' | 'SIGINT' = 'SIGTERM', timeoutMs = 10_000): Promise<Exit> {
    if (this.exit) return this.exit;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The last lines of output, for failure messages. */
  tail(lines = 30): string {
    return `--- ${this.name} (pid ${this.pid}) ---\n${this.logs().trim().split('\n').slice(-lines).join('\n')}`;
  }

  private async waitReady(ready: 'healthy' | 'answering', timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exit) throw new Error(`${this.name} exited during start-up (${JSON.stringify(this.exit)})\n${this.tail()}`);
      try {
        const answer = await this.healthz(1_000);
        if (ready === 'answering' || answer.status === 200) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`${this.name} did not become ready in ${timeoutMs} ms\n${this.tail()}`);
      await sleep(50);
    }
  }
}

/** Kills every bot process still running (for afterAll, so a failed test leaves nothing behind). */
export async function killAllBots(): Promise<void> {
  await Promise.all([...running].map((bot) => bot.stop('SIGKILL')));
}

process.once('exit', () => {
  for (const bot of running) bot.stop('SIGKILL').catch(() => {});
});

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Asserts no secret value appears in any of the texts; returns the offending (name, secret) pairs. */
export function leakedSecrets(texts: readonly string[], secrets: Record<string, string>): string[] {
  const leaks: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (texts.some((t) => t.includes(value))) leaks.push(name);
  }
  return leaks;
}
