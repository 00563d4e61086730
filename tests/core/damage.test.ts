import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.js';
import { Health } from '../../src/health.js';
import { silentLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/state/store.js';
import { button, exchange, FakeClock, testBot } from '../helpers/core.js';
import { admin, alice, bob, presses, replyText, says, teamChannel } from '../helpers/fake-chat.js';
import { capturingLogger } from '../helpers/logs.js';
import { FakeOutbox, tempSqlite } from '../polls/support.js';

/** Issue 10, items 2, 4, 5 and 11: damaged state is recovered, never reset, and never mistaken for an outage. */
const HOUR = 60 * 60_000;
const running: Bot[] = [];
afterEach(async () => {
  for (const b of running.splice(0)) await b.stop();
});

async function started(store: Store, clock: FakeClock, logger = silentLogger()) {
  const bot = await testBot({ store, clock, logger });
  const outbox = new FakeOutbox('slack');
  running.push(bot);
  await bot.start({ outboxes: [outbox], sweepIntervalMs: 3_600_000 });
  return { bot, outbox };
}

const memory = () => openStore({ kind: 'memory' }, { logger: silentLogger() });

async function backups(store: Store): Promise<Array<[string, unknown]>> {
  const found: Array<[string, unknown]> = [];
  for await (const entry of store.entries('backup')) found.push(entry);
  return found;
}

describe('damaged indexes are rebuilt from the records they index', () => {
  it('GIVEN junk in the deadline index THEN the next poll does not hide the older ones: every poll closes at its deadline', async () => {
    const store = await memory();
    const clock = new FakeClock();
    const { bot, outbox } = await started(store, clock);
    await exchange(bot, says(alice, 'poll for 1h First? | A | B'));
    await store.set('poll-deadlines', 'open', 'junk');
    await exchange(bot, says(alice, 'poll for 2h Second? | A | B'));
    clock.advance(3 * HOUR);
    expect(await bot.sweep()).toBe(2);
    expect(outbox.posts.map((p) => replyText(p.reply))).toEqual([
      expect.stringMatching(/"First\?" is closed/),
      expect.stringMatching(/"Second\?" is closed/),
    ]);
    expect((await backups(store)).map(([key]) => key)).toEqual([expect.stringMatching(/^poll-deadlines:open:\d+$/)]);
  });

  it('GIVEN junk in the channel poll index THEN `results` and `close` still find the channel polls', async () => {
    const store = await memory();
    const { bot } = await started(store, new FakeClock());
    await exchange(bot, says(alice, 'poll Kept? | A | B'));
    await store.set('poll-index', 'slack:T1:C1', { v: 1, ids: 'not a list' });
    const [results] = await exchange(bot, says(alice, 'results'));
    expect(replyText(results!)).toMatch(/Kept\?/);
    const closed = await exchange(bot, says(alice, 'close'));
    expect(closed.map(replyText).join('\n')).toMatch(/"Kept\?" is closed/);
  });
});

describe('a damaged record reads as damaged, not as an outage', () => {
  it('GIVEN a stored checklist that is not JSON THEN the user hears it is damaged with the way out, and /healthz stays 200 counting it', async () => {
    const path = tempSqlite();
    const first = await openStore({ kind: 'sqlite', path }, { logger: silentLogger() });
    const { logger, lines } = capturingLogger();
    const { bot } = await started(first, new FakeClock(), logger);
    await exchange(bot, says(alice, 'checklist'));
    const db = new Database(path);
    db.prepare("UPDATE kv SET value = '{not json' WHERE key = 'rustgo:sessions:slack:T1:C1'").run();
    db.close();
    const [reply] = await exchange(bot, says(alice, 'checklist'));
    expect(reply?.sections[0]).toMatch(/damaged \(not readable as JSON\).*checklist restart/);
    expect(reply?.sections[0]).not.toMatch(/can't reach my memory/);
    await exchange(bot, says(alice, 'checklist'));
    expect(lines.filter((l) => l.includes('store unavailable'))).toEqual([]);
    expect(lines.filter((l) => l.includes('damaged record backed up') && l.includes('sessions:slack:T1:C1'))).toHaveLength(1);
    const [[, backup]] = (await backups(first)) as [[string, { raw: unknown }]];
    expect(backup.raw).toBe('{not json');
    const report = await new Health(first, () => bot.damagedRecords).report();
    expect(report).toMatchObject({ ok: true, damagedRecords: 1 });
    const [fresh] = await exchange(bot, says(alice, 'checklist restart'));
    expect(fresh?.title).toMatch(/\(1 of \d+\)/);
    await first.close();
  });

  it('GIVEN a poll that fails its schema THEN `results` says it is damaged, `export` writes what reads, and an admin can close it', async () => {
    const store = await memory();
    const clock = new FakeClock();
    const { bot } = await started(store, clock);
    const [poll] = await exchange(bot, says(alice, 'poll for 1h Broken? | Rust | Go'));
    const vote = button(poll, 'Go');
    await exchange(bot, presses(bob, vote.action, vote.value));
    const id = vote.value.split(':')[0] as string;
    const stored = (await store.get('polls', `slack:T1:C1:${id}`)) as Record<string, unknown>;
    await store.set('polls', `slack:T1:C1:${id}`, { ...stored, status: 'half-open' });

    const [results] = await exchange(bot, says(alice, 'results'));
    expect(results?.sections[0]).toMatch(/The saved poll is damaged \(status: .+\).*backup key `polls:slack:T1:C1:[a-z0-9]+:\d+`/);
    const [csv] = await exchange(bot, says(alice, 'export'));
    expect(csv?.files?.[0]?.content).toBe('"option","votes","voters"\r\n"Rust","0",""\r\n"Go","1","Bob"\r\n');
    const [refused] = await exchange(bot, says(bob, 'close'));
    expect(refused?.sections[0]).toMatch(/damaged/);
    const [closed] = await exchange(bot, says(admin, 'close'));
    expect(closed?.sections[0]).toMatch(/I closed the damaged poll/);
    clock.advance(2 * HOUR);
    expect(await bot.sweep()).toBe(0);
    expect(await store.get('poll-deadlines', 'open')).toEqual({ v: 1, entries: [] });
  });
});

describe('damaged helpful counts', () => {
  it('GIVEN damaged counts THEN they are backed up and logged once, and counting restarts from zero', async () => {
    const store = await memory();
    const { logger, lines } = capturingLogger();
    const { bot } = await started(store, new FakeClock(), logger);
    await store.set('feedback', 'go-gc-latency', { v: 1, helpful: -3 });
    const [first] = await exchange(bot, presses(alice, 'knowledge.feedback', 'go-gc-latency:up'));
    expect(first?.sections[0]).toMatch(/^Thanks!/);
    await exchange(bot, presses(bob, 'knowledge.feedback', 'go-gc-latency:up'));
    expect(await store.get('feedback', 'go-gc-latency')).toEqual({ v: 1, helpful: 2, notHelpful: 0 });
    expect(await backups(store)).toEqual([[expect.stringMatching(/^feedback:go-gc-latency:\d+$/), expect.objectContaining({ raw: { v: 1, helpful: -3 } })]]);
    expect(lines.filter((l) => l.includes('damaged record backed up'))).toHaveLength(1);
  });
});

describe('export', () => {
  it('GIVEN two closed polls THEN `export` writes the one closed last, not the one created last', async () => {
    const clock = new FakeClock();
    const { bot } = await started(await memory(), clock);
    const [older] = await exchange(bot, says(alice, 'poll Older? | A | B'));
    clock.advance(60_000);
    await exchange(bot, says(alice, 'poll Newer? | A | B'));
    clock.advance(60_000);
    await exchange(bot, says(alice, 'close'));
    clock.advance(60_000);
    const close = button(older, 'Close poll');
    await exchange(bot, presses(alice, close.action, close.value, teamChannel));
    const [csv] = await exchange(bot, says(alice, 'export'));
    expect(csv?.sections[0]).toMatch(/Older\?/);
  });
});
