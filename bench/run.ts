import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { packageRoot } from '../src/paths.js';
import { openStore } from '../src/state/store.js';
import { createCore } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { benchCore } from './core.js';
import { benchDiscord } from './discord.js';
import { floodRows } from './flood.js';
import { benchKnowledge, PASSES } from './knowledge.js';
import { benchMemory, benchRetainedHeap } from './memory.js';
import { benchPolls } from './polls.js';
import { benchSlack, type TargetFigures } from './slack.js';

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
  add('knowledge index build', `${k.indexBuildMs} ms`, `median of 30 builds${k.modelReadMs === undefined ? ', no classifier model' : ', with the classifier'}; target under 50 ms`);
  if (k.modelReadMs !== undefined) add('classifier model read', `${k.modelReadMs} ms`, 'median of 30 reads of dist/classifier-model.bin');
  add('knowledge question p50 / p99', `${k.queryP50Ms} / ${k.queryP99Ms} ms`, `${k.queries} answers over the evaluation set, ${PASSES} passes after a warm-up (spelling corrections are remembered from pass to pass); target p99 under 2 ms`);
}

async function pollRows(): Promise<void> {
  for (const r of await benchPolls({ redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' })) {
    add(`votes/s through the core, ${r.store}`, `${r.votesPerSecond}`, `${r.votes} votes over many polls; raw Keyv set ${r.rawSetsPerSecond}/s on the same store, ratio ${r.ratio}`);
    add(`${r.burstVoters}-voter burst on one poll, ${r.store}`, `${r.burstConfirmedMs} ms`, `until every voter had a confirmation, ${r.burstCounted} counted; the poll message showed them all after ${r.burstShownMs} ms (edits at most once a second)`);
  }
}

/** A real core on the memory store with the rate limit out of the way, for the platform benches. */
async function benchCoreHandler() {
  const config = loadConfig({ STORE_URL: 'memory://', RATE_LIMIT_PER_MINUTE: '100000' });
  return createCore(config, silentLogger());
}

async function slackRows(): Promise<void> {
  const { bot, store } = await benchCoreHandler();
  const r = await benchSlack({ handler: bot });
  await store.close();
  const show = (name: string, f: TargetFigures | undefined, note: string) => {
    if (!f) return;
    add(`Slack ${name}: p50 / p99 ack at ${f.fixed.rps} req/s`, `${f.fixed.p50Ms} / ${f.fixed.p99Ms} ms`, note);
    add(`Slack ${name}: max signed requests/s`, `${f.max.rps}`, `${f.max.errors} errors; p99 ${f.max.p99Ms} ms under full load`);
  };
  show('bot (real adapter and core)', r.bot, 'target: p99 under 10 ms at 200 req/s');
  show('bot, ack path only', r.botAckPath, 'the same adapter with a core that does nothing after the ack');
  show('minimal Bolt app', r.minimalBolt, '/rustgo handler only acks');
  show('bare node:http', r.bare, 'verifies the same signature, answers the same body');
  add(
    'Slack throughput ratios',
    `bot/minimal Bolt ${r.ratios.botToMinimalBolt}, ack path/minimal Bolt ${r.ratios.botAckPathToMinimalBolt}, minimal Bolt/bare ${r.ratios.minimalBoltToBare}`,
    'max requests/s; the whole bot also answers every request after the ack, on the same 2 cores',
  );
}

async function discordRows(): Promise<void> {
  const { bot, store } = await benchCoreHandler();
  const r = await benchDiscord({ handler: bot });
  await store.close();
  add('Discord mention-to-reply p50 / p99', `${r.p50Ms} / ${r.p99Ms} ms`, `${r.messages} mentions from 250 users through the real discord.js client and a fake gateway, 45 a second`);
}

async function memoryRows(): Promise<void> {
  const m = await benchMemory(10_000);
  const flags = m.nodeFlags.join(' ') || 'no flags';
  add('resident memory after start, Slack and Discord', `${m.afterStart.rssMb} MB`, `the built app as its own process (${flags}); target under 120 MB`);
  add('resident memory after 10,000 polls / after 20,000', `${m.afterPolls.rssMb} / ${m.afterMorePolls.rssMb} MB`, 'high-water mark while each burst of acked commands is worked off; V8 keeps the pages, the next row shows what is really kept');
  const heap = await benchRetainedHeap(10_000);
  if (heap) {
    add('heap kept after GC: start / 10,000 polls / 20,000 polls', `${heap.afterStartMb} / ${heap.afterPollsMb} / ${heap.afterMorePollsMb} MB`, 'core and Slack adapter in one process; the rest is bounded caches (user names, per-user rate windows)');
  }
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
  await pollRows();
  await slackRows();
  await discordRows();
  await memoryRows();
  await floodRows(add);
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
