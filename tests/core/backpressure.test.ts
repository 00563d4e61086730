import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/state/store.js';
import { exchange, testBot } from '../helpers/core.js';
import { says } from '../helpers/fake-chat.js';
import { capturingLogger } from '../helpers/logs.js';

describe('backpressure: one bound on work in flight', () => {
  it('GIVEN more events than the bound while the store is stuck THEN the extra ones are told at once the bot is busy and dropped, the rest answered', async () => {
    const base = await testBot();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let reachedStore = 0;
    // Every event asks the rate counter first (commands claim no dedupe record), so it is where work waits.
    const stuck: Store = {
      ...base.store,
      rateCounter(name, points, windowMs) {
        const counter = base.store.rateCounter(name, points, windowMs);
        return {
          async hit(key) {
            reachedStore++;
            await gate;
            return counter.hit(key);
          },
        };
      },
    };
    const { logger, lines } = capturingLogger();
    const bot = await testBot({ store: stuck, logger, maxConcurrent: 4, maxInFlight: 20, rateLimitPerMinute: 1_000 });
    const sent = Array.from({ length: 25 }, (_, i) => exchange(bot, says({ id: `U${i}`, name: `u${i}` }, 'help')));

    // The five past the bound are answered while the first twenty are still stuck.
    const refused = await Promise.all(sent.slice(20));
    for (const replies of refused) {
      expect(replies).toHaveLength(1);
      expect(replies[0]?.sections[0]).toMatch(/^I'm swamped right now and had to drop that request\. Please try again in a moment\.$/);
      expect(replies[0]?.ephemeral).toBe(true);
    }
    // Four hold a turn, sixteen wait for one; none of the refused reached the store.
    expect(reachedStore).toBe(4);
    expect(lines.filter((l) => l.includes('work in flight is at its bound'))).toHaveLength(1);

    open();
    const answered = await Promise.all(sent.slice(0, 20));
    expect(answered.map((r) => r[0]?.title)).toEqual(Array(20).fill('RustGo: Rust or Go?'));
    expect(reachedStore).toBe(20);
    const [after] = await exchange(bot, says({ id: 'ULATE', name: 'late' }, 'help'));
    expect(after?.title).toBe('RustGo: Rust or Go?');
  });
});
