import { afterAll, describe, expect, it } from 'vitest';
import { capturingLogger } from '../helpers/logs.js';
import { openStore } from '../../src/state/store.js';
import { alice, bob, says } from '../helpers/fake-chat.js';
import { exchange, testBot } from '../helpers/core.js';
import { PrivateRedis, hasRedisServer } from '../helpers/redis-server.js';

function captureLogs() {
  const { logger, lines } = capturingLogger();
  return { logger, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const redises: PrivateRedis[] = [];
afterAll(async () => {
  for (const r of redises) await r.stop();
});

describe.skipIf(!hasRedisServer)('the store goes down while the bot runs', () => {
  it('GIVEN Redis stops THEN users get a clear retry reply, one log line per outage, no crash, and it recovers', async () => {
    const redis = await PrivateRedis.start();
    redises.push(redis);
    const { entries, logger } = captureLogs();
    const store = await openStore({ kind: 'redis', url: redis.url }, { logger, callTimeoutMs: 1_000 });
    const bot = await testBot({ store });

    const [before] = await exchange(bot, says(alice, 'checklist'));
    expect(before?.title).toContain('(1 of 7)');

    await redis.stop();
    for (const who of [alice, bob, alice]) {
      const [reply] = await exchange(bot, says(who, 'checklist'));
      expect(reply?.sections[0]).toMatch(/can't reach my memory right now/);
      expect(reply?.ephemeral).toBe(true);
    }
    const outages = entries().filter((l) => l.msg === 'store unavailable');
    expect(outages).toHaveLength(1);

    await redis.resume();
    let recovered: string | undefined;
    // Asks again until the store is back (each ask is itself the wait), for at most 10 s.
    const deadline = Date.now() + 10_000;
    while (!recovered?.includes('(1 of 7)') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
      recovered = (await exchange(bot, says(bob, 'checklist')))[0]?.title;
    }
    expect(recovered).toContain('(1 of 7)');
    expect(entries().filter((l) => l.msg === 'store reachable again')).toHaveLength(1);
    await store.close();
  }, 30_000);
});
