import { describe, expect, it } from 'vitest';
import { exchange, testBot } from '../helpers/core.js';
import { says } from '../helpers/fake-chat.js';

describe('concurrency cap', () => {
  it('GIVEN 200 events at once THEN at most maxConcurrent are handled together and all are answered', async () => {
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
    const bot = await testBot({ store: slowStore, maxConcurrent: 8, rateLimitPerMinute: 1_000 });
    const answered = await Promise.all(
      // Mentions: events are claimed for dedupe, which is where the slow store holds each one.
      Array.from({ length: 200 }, (_, i) => exchange(bot, { ...says({ id: `U${i}`, name: `u${i}` }, 'help'), kind: 'mention' })),
    );
    expect(most).toBe(8);
    expect(answered.every((replies) => replies.length === 1)).toBe(true);
  });
});
