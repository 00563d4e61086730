import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { startCommand } from './start-command.js';

/**
 * `npm run bench:peer`: RustGo against bare node:http (A), the minimal Bolt app (B) and Vercel's Chat SDK (V)
 * with the shared perf rig (../shared/perf, or PERF_RIG), for `help` and for an `ask`, in one run each.
 * The rig is copied to a temporary folder and installed there, so the shared copy is never written to.
 * Writes bench/RESULTS-peer.md and the README's peer table between its markers.
 */
const root = packageRoot();
const rounds = process.env.ROUNDS ?? '3';
const commands = ['help', 'ask does go gc hurt latency'];

/** Rig metric id → what the README calls it, and its decimals. */
const METRICS: Array<[id: string, label: string, decimals: number]> = [
  ['rps', 'max throughput (req/s)', 0],
  ['cpu', 'server CPU per command (µs)', 0],
  ['p99', 'p99 at 200 req/s (ms)', 2],
  ['rss0', 'RSS after start (MiB)', 1],
  ['ready', 'start to first 200 (ms)', 0],
  ['api', 'Web API calls per command', 2],
];

type Medians = Record<string, Record<string, number | null>>;

function rigSource(): string {
  const candidates = [process.env.PERF_RIG, join(root, '..', 'shared', 'perf'), join(root, '..', '..', 'shared', 'perf')];
  const found = candidates.find((dir): dir is string => typeof dir === 'string' && existsSync(join(dir, 'run.mjs')));
  if (!found) throw new Error(`the perf rig was not found (tried ${candidates.filter(Boolean).join(', ')}); set PERF_RIG`);
  return resolve(found);
}

function installRig(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'rustgo-peer-')), 'perf');
  cpSync(rigSource(), dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  return dir;
}

function runRig(rig: string, command: string): Medians {
  const out = mkdtempSync(join(tmpdir(), 'rustgo-peer-out-'));
  // A fresh SQLite file for every start of the bot, so no round inherits another's state.
  const { flags, entry } = startCommand();
  const target = `STORE_URL="sqlite://$(mktemp -d)/rustgo.sqlite" exec node ${[...flags, entry].join(' ')}`;
  execFileSync(process.execPath, ['run.mjs'], {
    cwd: rig,
    stdio: 'inherit',
    env: {
      ...process.env,
      TARGETS: 'A,B,V,C',
      ROUNDS: rounds,
      TARGET_CWD: root,
      TARGET_CMD: target,
      TARGET_NAME: 'RustGo',
      COMMAND_TEXT: command,
      RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
      OUT_DIR: out,
    },
  });
  return (JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { medians: Medians }).medians;
}

const fmt = (x: number | null | undefined, d: number) => (typeof x === 'number' ? x.toFixed(d) : '–');
const ratio = (x: number | null | undefined, y: number | null | undefined) =>
  typeof x === 'number' && typeof y === 'number' && y !== 0 ? `${(x / y).toFixed(2)}×` : '–';

function table(command: string, med: Medians): string {
  const lines = [
    `\`/rustgo ${command}\` | bare node:http (A) | minimal Bolt (B) | Chat SDK (V) | RustGo | RustGo / B | RustGo / V`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  lines[0] = `| ${lines[0]} |`;
  for (const [id, label, d] of METRICS) {
    const [a, b, v, c] = ['A', 'B', 'V', 'C'].map((k) => med[k]?.[id]);
    // B's Web API figure is its one auth.test spread over every command: near zero, so a ratio to it means nothing.
    const againstB = id === 'api' ? '–' : ratio(c, b);
    lines.push(`| ${label} | ${fmt(a, d)} | ${fmt(b, d)} | ${fmt(v, d)} | ${fmt(c, d)} | ${againstB} | ${ratio(c, v)} |`);
  }
  return lines.join('\n');
}

function main(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const rig = installRig();
  const tables = commands.map((command) => table(command, runRig(rig, command)));
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const body = [
    `Measured by \`npm run bench:peer\` on ${stamp} UTC, Node ${process.version}, ${rounds} round(s) (medians), each request a new delivery from one of 500 users.`,
    'For throughput a ratio above 1 means RustGo is faster; for the other rows a ratio above 1 means RustGo costs more.',
    '',
    tables.join('\n\n'),
  ].join('\n');
  writeFileSync(join(root, 'bench', 'RESULTS-peer.md'), `# RustGo against its peers (perf rig)\n\n${body}\n`);
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const begin = '<!-- bench-peer:begin -->';
  const end = '<!-- bench-peer:end -->';
  const from = readme.indexOf(begin);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${begin} … ${end} markers`);
  writeFileSync(join(root, 'README.md'), `${readme.slice(0, from + begin.length)}\n${body}\n${readme.slice(to)}`);
  process.stderr.write(`${body}\n`);
}

main();
