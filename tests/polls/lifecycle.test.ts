import { afterEach, describe, expect, it } from 'vitest';
import { isoMinute, renderTimes, type Conversation, type Reply } from '../../src/core/messages.js';
import type { Bot } from '../../src/core/bot.js';
import { silentLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/state/store.js';
import { button, exchange, FakeClock, testBot } from '../helpers/core.js';
import { alice, bob, carol, directChat, presses, replyText, says, teamChannel } from '../helpers/fake-chat.js';
import { FakeOutbox, openTestStore, redisUrl, tempSqlite, type OpenedStore } from './support.js';

const MIN = 60_000;
const running: Bot[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const b of running.splice(0)) await b.stop();
  for (const c of cleanups.splice(0)) await c();
});

const outboxes = new WeakMap<Bot, FakeOutbox>();

async function bot(store: Store, clock: FakeClock, outbox = new FakeOutbox('slack')) {
  const b = await testBot({ store, clock });
  outboxes.set(b, outbox);
  return { bot: b, outbox };
}

/** Starts the bot with its outbox and a sweep interval long enough that only the test sweeps. */
function sweeper(b: Bot) {
  running.push(b);
  return { started: b.start({ outboxes: [outboxes.get(b) ?? new FakeOutbox('slack')], sweepIntervalMs: 3_600_000 }), sweep: () => b.sweep() };
}

const vote = (b: Awaited<ReturnType<typeof testBot>>, who: typeof alice, poll: Reply | undefined, label: string, where: Conversation = teamChannel) => {
  const x = button(poll, label);
  return exchange(b, presses(who, x.action, x.value, where));
};

describe('poll deadlines', () => {
  it('GIVEN `poll for 30m` THEN it stays open until the deadline, then closes once with one announcement', async () => {
    const clock = new FakeClock();
    const { bot: b, outbox } = await bot(await openStore({ kind: 'memory' }, { logger: silentLogger() }), clock);
    const s = sweeper(b);
    await s.started;
    const [poll] = await exchange(b, says(alice, 'poll for 30m Ship it? | Rust | Go'));
    expect(renderTimes(poll?.context ?? '', isoMinute)).toContain('closes 2026-11-29 09:30 UTC');
    await vote(b, bob, poll, 'Go');
    clock.advance(29 * MIN);
    expect(await s.sweep()).toBe(0);
    clock.advance(2 * MIN);
    // A second process on the same store, starting while the first sweeps.
    const second = sweeper((await bot(b.store, clock, outbox)).bot);
    const closed = await Promise.all([s.sweep(), second.started, s.sweep()]);
    expect(closed.reduce((a, n) => a + n, 0)).toBe(1);
    expect(outbox.posts).toHaveLength(1);
    expect(replyText(outbox.posts[0]!.reply)).toMatch(/"Ship it\?" is closed\. Winner: \*\*Go\*\*/);
    expect(outbox.updates.at(-1)?.reply.title).toBe('Team poll (closed)');
    expect(replyText((await vote(b, carol, poll, 'Rust'))[0]!)).toMatch(/closed/);
    expect(await s.sweep()).toBe(0);
  });

  it('GIVEN a poll closed by hand before its deadline THEN the sweep announces nothing more', async () => {
    const clock = new FakeClock();
    const { bot: b, outbox } = await bot(await openStore({ kind: 'memory' }, { logger: silentLogger() }), clock);
    const s = sweeper(b);
    await exchange(b, says(alice, 'poll for 2h'));
    await exchange(b, says(alice, 'close'));
    clock.advance(3 * 60 * MIN);
    expect(await s.sweep()).toBe(0);
    expect(outbox.posts).toHaveLength(0);
  });

  it('GIVEN a 30-day poll THEN nothing overflows: it closes after 30 days, not before', async () => {
    const clock = new FakeClock();
    const { bot: b, outbox } = await bot(await openStore({ kind: 'memory' }, { logger: silentLogger() }), clock);
    const s = sweeper(b);
    await exchange(b, says(alice, 'poll for 30d'));
    clock.advance(25 * 24 * 60 * MIN);
    expect(await s.sweep()).toBe(0);
    clock.advance(5 * 24 * 60 * MIN);
    expect(await s.sweep()).toBe(1);
    expect(outbox.posts).toHaveLength(1);
  });
});

describe('restarts', () => {
  it('GIVEN a SQLite file THEN votes survive a restart and a deadline that passed while down closes at start-up', async () => {
    const path = tempSqlite();
    const clock = new FakeClock();
    const first = await bot(await openStore({ kind: 'sqlite', path }, { logger: silentLogger() }), clock);
    const [poll] = await exchange(first.bot, says(alice, 'poll for 1h Keep? | Rust | Go'));
    await vote(first.bot, bob, poll, 'Rust');
    await vote(first.bot, carol, poll, 'Rust');
    await first.bot.store.close();

    clock.advance(2 * 60 * MIN);
    const second = await bot(await openStore({ kind: 'sqlite', path }, { logger: silentLogger() }), clock);
    cleanups.push(() => second.bot.store.close());
    expect(await sweeper(second.bot).started).toBe(1);
    expect(second.outbox.posts).toHaveLength(1);
    expect(replyText(second.outbox.posts[0]!.reply)).toMatch(/Winner: \*\*Rust\*\* with 2 of 2 votes/);
    expect(second.outbox.updates.at(-1)?.message.messageId).toBe('msg-1');
    const [csv] = await exchange(second.bot, says(alice, 'export'));
    expect(csv?.files?.[0]?.content).toContain('"Rust","2","Bob; Carol"');
  });

  it.skipIf(!redisUrl)('GIVEN two processes on Redis sweeping one deadline THEN the poll closes exactly once', async () => {
    const a: OpenedStore = await openTestStore('redis');
    cleanups.push(() => a.cleanup());
    const twin = await openStore(a.config, { logger: silentLogger(), namespace: a.namespace });
    cleanups.unshift(() => twin.close());
    const clock = new FakeClock();
    const outbox = new FakeOutbox('slack');
    const p1 = await bot(a.store, clock, outbox);
    const p2 = await bot(twin, clock, outbox);
    await exchange(p1.bot, says(alice, 'poll for 5m'));
    clock.advance(6 * MIN);
    const counts = await Promise.all([sweeper(p1.bot).started, sweeper(p2.bot).started]);
    expect(counts[0] + counts[1]).toBe(1);
    expect(outbox.posts).toHaveLength(1);
  });
});

describe('checklist and poll together', () => {
  it('GIVEN a checklist result THEN "Start a team poll" asks about its recommendation and the closed poll lands in the decision record', async () => {
    const clock = new FakeClock();
    const { bot: b } = await bot(await openStore({ kind: 'memory' }, { logger: silentLogger() }), clock);
    let [q] = await exchange(b, says(alice, 'checklist', directChat));
    for (const label of ['Good enough is fine', 'Yes, speed of delivery first', 'Mostly Go', "Go's cover it, Rust's don't", 'I/O-bound (APIs, DB calls)', 'Small pauses are fine', 'No, servers or containers']) {
      [q] = await vote(b, alice, q, label, directChat);
    }
    expect(q?.title).toBe('Recommendation: Go');
    const result = q;
    const [poll] = await vote(b, alice, result, 'Start a team poll', directChat);
    expect(poll?.sections[0]).toContain('The checklist recommends Go');
    await vote(b, alice, poll, 'Go', directChat);
    await exchange(b, says(alice, 'close', directChat));
    const [adr] = await vote(b, alice, result, 'Decision record (ADR)', directChat);
    const content = adr?.files?.[0]?.content ?? '';
    expect(content).toContain('## Team poll');
    expect(content).toContain('- Go: 1');
    expect(content).toContain('Result: Go');
  });

  it('GIVEN "Start a team poll" with a forged result id THEN it is refused', async () => {
    const { bot: b } = await bot(await openStore({ kind: 'memory' }, { logger: silentLogger() }), new FakeClock());
    const replies = await exchange(b, presses(alice, 'poll.fromChecklist', 'nosuchresult'));
    expect(replies[0]?.ephemeral).toBe(true);
    expect(replyText(replies[0]!)).toMatch(/no longer have that checklist/);
  });
});
