import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const root = packageRoot();
const entry = join(root, 'dist', 'app', 'main.js');
const cleanEnv = () => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(SLACK_|DISCORD_|STORE_URL|PORT|LOG_LEVEL|KNOWLEDGE_DIR|POLL_SECRET)/.test(k)) env[k] = v;
  }
  return env;
};
const tempStore = () => `sqlite://${join(mkdtempSync(join(tmpdir(), 'rustgo-cli-')), 'state.sqlite')}`;

function run(input: string, args: string[] = [], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [entry, ...args], {
    input,
    env: { ...cleanEnv(), STORE_URL: tempStore(), ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

// Rust: critical performance, correctness first, both, both mature, CPU-bound, tight latency, no WASM.
const rustTeam = 'checklist\n1\n3\n3\n3\n1\n1\n3\n';
// Go: good enough, delivery first, mostly Go, Go's libraries, I/O-bound, small pauses, no WASM.
const goTeam = 'checklist\n3\n1\n1\n1\n2\n2\n3\n';

describe('the built app in the terminal', () => {
  it('GIVEN help on stdin THEN it prints the usage and exits 0', () => {
    const result = run('help\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('checklist restart');
    expect(result.stdout).toContain('poll [anonymous] [hidden] [for 2h] QUESTION | OPTION | OPTION');
  });

  it('GIVEN the answers of a performance-critical CPU-bound team THEN Rust', () => {
    const result = run(rustTeam);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Recommendation: Rust');
  });

  it('GIVEN the answers of a Go team shipping an I/O-bound service fast THEN Go', () => {
    const result = run(goTeam);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Recommendation: Go');
  });

  it('GIVEN --json THEN stdout is JSON lines only, with buttons and files', () => {
    const result = run(`${rustTeam}1\n`, ['--json']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const replies = lines.map((line) => JSON.parse(line) as { title?: string; text: string; buttons: Array<{ label: string }>; files: Array<{ name: string }> });
    expect(replies[0]?.buttons.map((b) => b.label)).toContain('Critical, every ms counts');
    expect(replies.some((r) => r.title === 'Recommendation: Rust')).toBe(true);
    expect(replies.at(-1)?.files[0]?.name).toMatch(/^adr-rust-or-go-.*\.md$/);
  });

  it('GIVEN the bot killed mid-checklist THEN a restart on the same SQLite file continues it', async () => {
    const store = tempStore();
    const child = spawn(process.execPath, [entry], { env: { ...cleanEnv(), STORE_URL: store }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const reached = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += String(chunk);
        if (out.includes('(3 of 7)')) resolve();
      });
    });
    child.stdin.write('checklist\n1\n3\n');
    await reached;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const again = spawnSync(process.execPath, [entry], { input: 'checklist\n', env: { ...cleanEnv(), STORE_URL: store }, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('(3 of 7)');
    expect(again.stdout).toContain('What does the team already know well?');
  });

  it('GIVEN a corrupt SQLite file THEN a clear start-up error naming STORE_URL, and the file is left as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rustgo-bad-'));
    const path = join(dir, 'state.sqlite');
    writeFileSync(path, 'this is not a database, but it is somebody\'s file'.repeat(200));
    const before = readFileSync(path);
    const result = run('help\n', [], { STORE_URL: `sqlite://${path}` });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/rustgo: cannot start: STORE_URL: could not open the sqlite store \(file is not a database\)/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('GIVEN an invalid setting THEN one line naming it and exit 1', () => {
    const result = run('help\n', [], { PORT: 'eighty' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('rustgo: cannot start: PORT: expected a TCP port number between 1 and 65535');
  });

  it('GIVEN npm start --silent -- --json THEN nothing but JSON lines reaches stdout', () => {
    const result = spawnSync('npm', ['start', '--silent', '--', '--json'], {
      cwd: root,
      input: 'help\nchecklist\n',
      env: { ...cleanEnv(), STORE_URL: tempStore() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    // npm start first rebuilds a stale build (scripts/build-if-stale.mjs), which trains the classifier: on a
    // slow day with nineteen batches of dev that alone took about 20 s.
  }, 60_000);
});
