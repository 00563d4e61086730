import { describe, expect, it } from 'vitest';
import { benchDiscord } from '../../bench/discord.js';
import { testBot } from '../helpers/core.js';

describe('benchDiscord', () => {
  it('GIVEN a short run THEN every mention is answered and p50 ≤ p99 are real numbers', async () => {
    const result = await benchDiscord({ handler: await testBot(), messages: 40, users: 10, ratePerSecond: 80 });
    expect(result.messages).toBe(40);
    expect(result.p50Ms).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
  });
});
