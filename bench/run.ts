import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { packageRoot } from '../src/paths.js';
import { openStore } from '../src/state/store.js';
import { benchCore } from './core.js';
import { benchKnowledge } from './knowledge.js';

/**
 * `npm run bench`: measures everything side by side in one run and writes bench/RESULTS.md,
 * then replaces the performance table in README.md between its markers.
 */
interface Row {
  what: string;
  figure: string;
  note?: string;
}

const rows: Row[] = [];
const add = (what: string, figure: string, note = '') => {
  rows.push({ what, figure, note });
  process.stderr.write(`${what}: ${figure}${note ? ` (${note})` : ''}\n`);
};

function storeConfigs(): Array<[string, StoreConfig]> {
  const dir = mkdtempSync(join(tmpdir(), 'rustgo-bench-'));
  const configs: Array<[string, StoreConfig]> = [
    ['memory', { kind: 'memory' }],
    ['sqlite', { kind: 'sqlite', path: join(dir, 'bench.sqlite') }],
  ];
  const redis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  configs.push(['redis', { kind: 'redis', url: redis }]);
  return configs;
}

async function coreRows(): Promise<void> {
  for (const [name, config] of storeConfigs()) {
    let store;
    try {
      store = await openStore(config, { logger: silentLogger(), namespace: `bench${Date.now().toString(36)}` });
    } catch (err) {
      add(`core messages/s, ${name}`, 'skipped', (err as Error).message);
      continue;
    }
    const result = await benchCore(store);
    add(`core messages/s, ${name}`, `${result.messagesPerSecond}`, `${result.messages} messages: 200 users each running the checklist`);
    await store.close();
  }
}

async function knowledgeRows(): Promise<void> {
  const k = await benchKnowledge(packageRoot());
  add('knowledge index build', `${k.indexBuildMs} ms`, 'median of 30 builds; target under 50 ms');
  add('knowledge question p50 / p99', `${k.queryP50Ms} / ${k.queryP99Ms} ms`, `${k.queries} answers over the evaluation set; target p99 under 2 ms`);
}

function table(): string {
  const lines = ['| measurement | result | notes |', '| --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.what} | ${r.figure} | ${r.note ?? ''} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const started = new Date();
  // Knowledge first: it times sub-millisecond calls, which the store benches' garbage would blur.
  await knowledgeRows();
  await coreRows();
  const header = `Measured by \`npm run bench\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${(await import('node:os')).cpus().length} cores.`;
  const body = `${header}\n\n${table()}\n`;
  const root = packageRoot();
  writeFileSync(join(root, 'bench', 'RESULTS.md'), `# Benchmark results\n\n${body}`);
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  if (readme.includes(begin) && readme.includes(end)) {
    const updated = `${readme.slice(0, readme.indexOf(begin) + begin.length)}\n${body}${readme.slice(readme.indexOf(end))}`;
    writeFileSync(readmePath, updated);
  }
  process.stdout.write(body);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
