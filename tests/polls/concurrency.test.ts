import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.js';
import type { Reply } from '../../src/core/messages.js';
import { button, exchange, FakeClock, testBot } from '../helpers/core.js';
import { alice, presses, says } from '../helpers/fake-chat.js';
import { silentLogger } from '../../src/logger.js';
import { openStore } from '../../src/state/store.js';
import { FakeOutbox, openTestStore, storeKinds, type OpenedStore } from './support.js';

const opened: OpenedStore[] = [];
const running: Bot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
  await Promise.all(opened.splice(0).map((s) => s.cleanup()));
});

async function startBot(bot: Bot, outbox: FakeOutbox): Promise<void> {
  running.push(bot);
  await bot.start({ outboxes: [outbox], sweepIntervalMs: 3_600_000 });
}

async function open(kind: string): Promise<OpenedStore> {
  const s = await openTestStore(kind);
  opened.push(s);
  return s;
}

/** Issue 13: a thousand people pressing at once on one poll are all counted, exactly. */
const VOTERS = 1_000;
const labels = ['Rust', 'Go', 'Both (hybrid)', 'Not sure yet'];

describe.each(storeKinds)('1,000 voters at once on the %s store', (kind, available) => {
  it.skipIf(!available)('GIVEN 1,000 different users pressing at the same moment THEN exactly 1,000 votes and the last update shows 1,000', async () => {
    const { store } = await open(kind);
    const bot = await testBot({ store, clock: new FakeClock() });
    const outbox = new FakeOutbox('slack', 1);
    await startBot(bot, outbox);
    const [poll] = await exchange(bot, says(alice, 'poll'));
    const started = performance.now();
    await Promise.all(
      Array.from({ length: VOTERS }, (_, i) => {
        const b = button(poll, labels[i % 4] as string);
        return exchange(bot, presses({ id: `U${i}`, name: `Voter ${i}` }, b.action, b.value));
      }),
    );
    const elapsed = performance.now() - started;
    expect(outbox.lastUpdateText).toContain(`**Total: ${VOTERS}**`);
    expect(outbox.lastUpdateText).toContain(`**Rust**: ${VOTERS / 4}`);
    expect(outbox.updates.length).toBeLessThan(50);
    const [results] = await exchange(bot, says(alice, 'results'));
    expect(results?.sections.join('\n')).toContain(`**Total: ${VOTERS}**`);
    console.info(`${kind}: ${VOTERS}-voter burst in ${elapsed.toFixed(0)} ms, ${outbox.updates.length} message updates`);
  }, 60_000);

  // SQLite serves one bot process per file (its locks live in memory); Redis is the shared store.
  it.skipIf(!available || kind !== 'redis')('GIVEN two processes on one store splitting 1,000 votes THEN 1,000 count and the last update shows 1,000', async () => {
    const first = await open(kind);
    // The second "process" opens the very same Redis namespace.
    const twin = await openStore(first.config, { logger: silentLogger(), namespace: first.namespace });
    const outbox = new FakeOutbox('slack', 1);
    const bots = [await testBot({ store: first.store }), await testBot({ store: twin })];
    for (const bot of bots) await startBot(bot, outbox);
    try {
      const [poll] = (await exchange(bots[0]!, says(alice, 'poll'))) as [Reply];
      await Promise.all(
        Array.from({ length: VOTERS }, (_, i) => {
          const b = button(poll, labels[i % 4] as string);
          return exchange(bots[i % 2]!, presses({ id: `U${i}`, name: `Voter ${i}` }, b.action, b.value));
        }),
      );
      expect(outbox.lastUpdateText).toContain(`**Total: ${VOTERS}**`);
      const [results] = await exchange(bots[1]!, says(alice, 'results'));
      expect(results?.sections.join('\n')).toContain(`**Total: ${VOTERS}**`);
    } finally {
      await twin.close();
    }
  }, 90_000);
});
