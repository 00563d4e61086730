import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.js';
import { isoMinute, renderTimes } from '../../src/core/messages.js';
import { silentLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/state/store.js';
import { button, exchange, FakeClock, testBot } from '../helpers/core.js';
import { alice, bob, presses, replyText, says } from '../helpers/fake-chat.js';
import { FakeOutbox, openTestStore, storeKinds } from '../polls/support.js';

const MIN = 60_000;
const bots: Bot[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** One bot "process" on `store`: its own core, outbox and sweeper (no timer ticks; sweeps are called). */
async function process(store: Store, clock: FakeClock) {
  const bot = await testBot({ store, clock });
  const outbox = new FakeOutbox('slack');
  bots.push(bot);
  await bot.start({ outboxes: [outbox], sweepIntervalMs: 3_600_000 });
  const reminders = () => outbox.posts.filter((p) => p.reply.sections.join(' ').startsWith('Reminder'));
  return { bot, outbox, sweeper: bot, reminders };
}

describe.each(storeKinds)('poll reminders on %s', (kind, available) => {
  it.skipIf(!available)('GIVEN two processes and a restart THEN a `remind` poll gets exactly one reminder when a quarter of its time is left', async () => {
    const opened = await openTestStore(kind);
    cleanups.push(() => opened.cleanup());
    const clock = new FakeClock();
    const one = await process(opened.store, clock);
    const [poll] = await exchange(one.bot, says(alice, 'poll remind for 8m Ship on Friday? | Rust | Go'));
    await exchange(one.bot, presses(bob, 'poll.vote', button(poll, 'Go').value));

    // Two processes share only Redis (SQLite and memory are one process's store): elsewhere the second sweeper shares the store.
    const secondStore = kind === 'redis' ? await openStore(opened.config, { logger: silentLogger(), namespace: opened.namespace }) : opened.store;
    if (secondStore !== opened.store) cleanups.push(() => secondStore.close());
    const two = await process(secondStore, clock);

    clock.advance(5 * MIN + 50_000);
    await Promise.all([one.sweeper.sweep(), two.sweeper.sweep()]);
    expect(one.reminders().length + two.reminders().length).toBe(0);

    clock.advance(20_000);
    await Promise.all([one.sweeper.sweep(), two.sweeper.sweep(), one.sweeper.sweep(), two.sweeper.sweep()]);
    const sent = [...one.reminders(), ...two.reminders()];
    expect(sent).toHaveLength(1);
    const text = renderTimes(replyText(sent[0]!.reply), isoMinute);
    expect(text).toContain('"Ship on Friday?" is still open. 1 person has voted so far. It closes 2026-11-29 09:08 UTC.');
    expect(sent[0]!.reply.inReplyTo).toBe('msg-1');

    // A restart: a fresh process on the same store sweeps again and sends nothing more.
    const restarted = kind === 'memory' ? opened.store : await openStore(opened.config, { logger: silentLogger(), namespace: opened.namespace });
    if (restarted !== opened.store) cleanups.push(() => restarted.close());
    const three = await process(restarted, clock);
    clock.advance(MIN);
    await Promise.all([three.sweeper.sweep(), one.sweeper.sweep()]);
    expect(one.reminders().length + two.reminders().length + three.reminders().length).toBe(1);
  });

  it.skipIf(!available)('GIVEN a `remind` poll closed before its reminder time THEN no reminder is sent', async () => {
    const opened = await openTestStore(kind);
    cleanups.push(() => opened.cleanup());
    const clock = new FakeClock();
    const one = await process(opened.store, clock);
    await exchange(one.bot, says(alice, 'poll remind for 1h Early close? | A | B'));
    clock.advance(10 * MIN);
    await exchange(one.bot, says(alice, 'close'));
    clock.advance(50 * MIN);
    await one.sweeper.sweep();
    expect(one.reminders()).toHaveLength(0);
  });
});

describe('the remind flag', () => {
  it.each([
    ['poll remind Which one? | A | B', /needs a deadline of at least 4 minutes/],
    ['poll remind for 3m Which one? | A | B', /needs a deadline of at least 4 minutes/],
  ])('GIVEN `%s` THEN it is refused clearly', async (text, refusal) => {
    const bot = await testBot();
    const [reply] = await exchange(bot, says(alice, text));
    expect(reply?.ephemeral).toBe(true);
    expect(reply?.sections[0]).toMatch(refusal);
  });

  it('GIVEN a poll without `remind` THEN it never sends a reminder', async () => {
    const store = await openStore({ kind: 'memory' }, { logger: silentLogger() });
    const clock = new FakeClock();
    const one = await process(store, clock);
    await exchange(one.bot, says(alice, 'poll for 8m Quiet? | A | B'));
    clock.advance(7 * MIN);
    await one.sweeper.sweep();
    expect(one.reminders()).toHaveLength(0);
  });
});
