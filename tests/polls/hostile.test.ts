import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Records } from '../../src/state/records.js';
import { silentLogger } from '../../src/logger.js';
import { anonymousVoterKey, PollSecret } from '../../src/core/polls/records.js';
import { exchange, memoryStore, testBot } from '../helpers/core.js';
import { alice, presses, says } from '../helpers/fake-chat.js';

describe('hostile poll input', () => {
  it('GIVEN any button value on poll actions THEN exactly one private refusal or confirmation, never a throw', async () => {
    const bot = await testBot();
    const [poll] = await exchange(bot, says(alice, 'poll Q? | a | b'));
    const realId = poll?.buttons?.[0]?.value.split(':')[0] ?? 'x';
    const value = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.integer({ min: -5, max: 120 }).map((n) => `${realId}:${n}`),
      fc.constantFrom(realId, `${realId}:`, `${realId}:1:1`, '{"a":1}', '\u0000', 'a'.repeat(10_000)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('poll.vote', 'poll.close', 'poll.fromChecklist'), value, async (action, v) => {
        const replies = await exchange(bot, presses({ id: `U${Math.random()}`, name: 'X' }, action, v));
        expect(replies.length).toBeGreaterThanOrEqual(1);
        expect(replies[0]?.ephemeral).toBe(true);
        expect(replies[0]?.sections.join(' ')).not.toMatch(/Something went wrong/);
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN any text after `poll` THEN a poll or a clear refusal, never an error reply', async () => {
    const bot = await testBot();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (args) => {
        const replies = await exchange(bot, says({ id: `U${Math.random()}`, name: 'X' }, `poll ${args}`));
        expect(replies).toHaveLength(1);
        expect(replies[0]?.sections.join(' ')).not.toMatch(/Something went wrong/);
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN POLL_SECRET THEN voter hashes use it and nothing is generated; without it one random key is kept', async () => {
    const store = await memoryStore();
    const records = new Records(store, silentLogger(), Date.now);
    expect(await new PollSecret(records, 'configured-secret-123').get()).toBe('configured-secret-123');
    expect(await store.get('meta', 'poll-secret')).toBeUndefined();
    const made = await new PollSecret(records, undefined).get();
    expect(await new PollSecret(records, undefined).get()).toBe(made);
    expect(made).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.get('meta', 'poll-secret')).toBe(made);
    const key = anonymousVoterKey(made, 'slack', 'T1', 'U1');
    expect(key).toBe(anonymousVoterKey(made, 'slack', 'T1', 'U1'));
    expect(key).not.toBe(anonymousVoterKey('other-secret', 'slack', 'T1', 'U1'));
    expect(key).not.toContain('U1');
  });
});
