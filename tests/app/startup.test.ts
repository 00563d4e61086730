import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const root = packageRoot();
const entry = join(root, 'dist', 'app', 'main.js');
const SECRET = 'S3cretPassw0rd';

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(SLACK_|DISCORD_|STORE_URL|PORT|HOST|LOG_LEVEL|KNOWLEDGE_DIR|POLL_SECRET)/.test(k)) env[k] = v;
  }
  return env;
}

/** Starts the built app in the terminal chat and resolves with what it printed when it exits. */
function start(env: Record<string, string>, timeoutMs = 15_000): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'rustgo-start-'));
  const child = spawn(process.execPath, [entry], {
    env: { ...cleanEnv(), STORE_URL: `sqlite://${join(dir, 'state.sqlite')}`, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end('help\n');
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += String(c)));
  child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

function knowledgeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rustgo-kb-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const topic = (id: string, body = 'Some text.') => `---\nid: ${id}\ntitle: A team note\ntags: [note]\nsource: our team\n---\n${body}\n`;

/** The only thing on stderr is one `rustgo: cannot start:` line; it is returned for further checks. */
function expectOneLine(result: { code: number | null; stderr: string }): string {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^rustgo: cannot start: /);
  return lines[0] as string;
}

describe('start-up failures', () => {
  it('GIVEN a topic with broken YAML THEN one line naming the file, without the code frame or a stack', async () => {
    const dir = knowledgeDir({ 'broken.md': '---\nid: broken\ntitle: [unclosed\n---\nbody\n' });
    const line = expectOneLine(await start({ KNOWLEDGE_DIR: dir }));
    expect(line).toContain(join(dir, 'broken.md'));
    expect(line).toMatch(/YAML/);
  });

  it('GIVEN LOG_LEVEL=debug THEN the stack trace is logged as well', async () => {
    const dir = knowledgeDir({ 'broken.md': '---\nid: broken\ntitle: [unclosed\n---\nbody\n' });
    const result = await start({ KNOWLEDGE_DIR: dir, LOG_LEVEL: 'debug' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/"stack":"KnowledgeError/);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^rustgo: cannot start: .*broken\.md/);
  });

  it('GIVEN a FIFO named x.md in KNOWLEDGE_DIR THEN start-up refuses it instead of hanging', async () => {
    const dir = knowledgeDir({});
    execFileSync('mkfifo', [join(dir, 'x.md')]);
    const line = expectOneLine(await start({ KNOWLEDGE_DIR: dir }));
    expect(line).toContain(`${join(dir, 'x.md')}: not a regular file (a FIFO)`);
  });

  // Trailing blank lines are trimmed from a topic's body, so padding changes only the file's size.
  const padded = (id: string, bytes: number) => topic(id).padEnd(bytes, '\n');

  it('GIVEN a knowledge file one byte over 64 KB THEN it is refused with its size', async () => {
    const dir = knowledgeDir({ 'big.md': padded('big', 65_537) });
    const line = expectOneLine(await start({ KNOWLEDGE_DIR: dir }));
    expect(line).toContain(`${join(dir, 'big.md')}: 65537 bytes; a knowledge file can be at most 65536 bytes`);
  });

  it('GIVEN a knowledge file of exactly 64 KB THEN it loads', async () => {
    const dir = knowledgeDir({ 'team-note.md': padded('team-note', 65_536) });
    const result = await start({ KNOWLEDGE_DIR: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('checklist');
  });

  it.each([
    ['a malformed URL', `redis:/:${SECRET}@db.example`],
    ['an upper-case scheme', `REDISS:/:${SECRET}@db.example`],
    ['an unparsable URL', `redis://:${SECRET}@db example`],
  ])('GIVEN STORE_URL with %s THEN the password is masked', async (_what, url) => {
    const line = expectOneLine(await start({ STORE_URL: url }));
    expect(line).toMatch(/^rustgo: cannot start: STORE_URL: expected/);
    expect(line).not.toContain(SECRET);
  });

  it('GIVEN STORE_URL with a capital Redis:// scheme and nothing listening THEN a network fault, password masked', async () => {
    const line = expectOneLine(await start({ STORE_URL: `Redis://:${SECRET}@127.0.0.1:1` }));
    expect(line).toMatch(/STORE_URL: could not open the redis store \(cannot reach Redis over the network \(connect ECONNREFUSED/);
    expect(line).not.toContain(SECRET);
  });

  it.runIf(process.env.REDIS_URL)('GIVEN a wrong Redis password THEN it says the credentials were refused', async () => {
    const url = new URL(process.env.REDIS_URL as string);
    url.username = 'rustgo-nobody';
    url.password = SECRET;
    const line = expectOneLine(await start({ STORE_URL: url.toString() }));
    expect(line).toMatch(/STORE_URL: could not open the redis store \(Redis refused the credentials in the URL \(WRONGPASS/);
    expect(line).not.toContain(SECRET);
  });

  describe('a taken port', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('GIVEN PORT already in use THEN one line naming PORT', async () => {
      const line = expectOneLine(await start({ PORT: String(port), HOST: '127.0.0.1' }));
      expect(line).toContain(`PORT: cannot listen on ${port}`);
    });
  });

  it('GIVEN an invalid setting THEN one line naming it (the config path stays one line)', async () => {
    const line = expectOneLine(await start({ RATE_LIMIT_PER_MINUTE: 'lots' }));
    expect(line).toMatch(/RATE_LIMIT_PER_MINUTE: expected/);
  });
});

