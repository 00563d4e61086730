import { describe, expect, it } from 'vitest';
import { alice, bob, presses, says } from '../helpers/fake-chat.js';
import { exchange, FakeClock, testBot } from '../helpers/core.js';

describe('rate limit', () => {
  it('GIVEN 100 commands from one user in a second THEN 20 answers, one slow-down reply, the rest dropped; others unaffected', async () => {
    const clock = new FakeClock();
    const bot = await testBot({ clock });
    const replies = [];
    for (let i = 0; i < 100; i++) {
      clock.advance(10);
      replies.push(...(await exchange(bot, says(alice, 'help'))));
    }
    const slowDowns = replies.filter((r) => /going a bit fast/.test(r.sections[0] ?? ''));
    expect(slowDowns).toHaveLength(1);
    expect(slowDowns[0]?.ephemeral).toBe(true);
    expect(replies.filter((r) => r.title === 'RustGo: Rust or Go?')).toHaveLength(20);

    const [other] = await exchange(bot, says(bob, 'help'));
    expect(other?.title).toBe('RustGo: Rust or Go?');

    clock.advance(61_000);
    const [later] = await exchange(bot, says(alice, 'help'));
    expect(later?.title).toBe('RustGo: Rust or Go?');
  });

  it('GIVEN a fast voter pressing 60 buttons in a minute THEN none is limited', async () => {
    const clock = new FakeClock();
    const bot = await testBot({ clock });
    for (let i = 0; i < 60; i++) {
      clock.advance(900);
      const [reply] = await exchange(bot, presses(alice, 'checklist.next', 'abcdef:0'));
      expect(reply?.sections[0]).not.toMatch(/going a bit fast/);
    }
  });
});

describe('RateLimiter memory', () => {
  it('GIVEN thousands of users who went quiet THEN they are forgotten', async () => {
    const { RateLimiter } = await import('../../src/core/rate-limit.js');
    const limiter = new RateLimiter(20, 60_000);
    for (let i = 0; i < 5_000; i++) limiter.check(`u${i}`, 1_000);
    expect(limiter.size).toBe(5_000);
    for (let i = 0; i < 1_000; i++) limiter.check('active', 70_000 + i);
    expect(limiter.size).toBeLessThanOrEqual(1);
  });
});

describe('concurrency cap', () => {
  it('GIVEN 200 events at once THEN at most maxConcurrent are handled together and all are answered', async () => {
    const { createBot } = await import('../../src/core/bot.js');
    const base = await testBot();
    let inside = 0;
    let most = 0;
    const slowStore = {
      ...base.store,
      claim: async (ns: string, key: string, ttl: number) => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 5));
        inside--;
        return base.store.claim(ns, key, ttl);
      },
    };
    const bot = createBot({ ...base.deps, store: slowStore, maxConcurrent: 8, rateLimitPerMinute: 1_000 });
    const answered = await Promise.all(
      // Mentions: events are claimed for dedupe, which is where the slow store holds each one.
      Array.from({ length: 200 }, (_, i) => exchange(bot, { ...says({ id: `U${i}`, name: `u${i}` }, 'help'), kind: 'mention' })),
    );
    expect(most).toBe(8);
    expect(answered.every((replies) => replies.length === 1)).toBe(true);
  });
});
