import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/router.js';
import { alice, presses, says } from '../helpers/fake-chat.js';
import { exchange, testBot } from '../helpers/core.js';

const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom('<!channel>', '@everyone', '<@U123>', '\u0000', '\u202e', '{"a":1}', '%s%n', '🦀🐹', 'ask', 'poll |', 'checklist x'),
  fc.string({ minLength: 3_990, maxLength: 4_100 }),
);

let pressers = 0;

describe('hostile input never throws', () => {
  it('GIVEN any string THEN parseCommand returns a command', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const command = parseCommand(text);
        expect(command.type).toBeTypeOf('string');
      }),
      { numRuns: 500 },
    );
  });

  it('GIVEN any typed text THEN the bot replies without throwing', async () => {
    const quick = await testBot({ rateLimitPerMinute: 1_000_000 });
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const replies = await exchange(quick, says(alice, text));
        expect(replies.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it('GIVEN any button action and value THEN a reply or a refusal, never an exception', async () => {
    const quick = await testBot({ rateLimitPerMinute: 1_000_000 });
    const actions = fc.oneof(fc.constantFrom('checklist.answer', 'checklist.next', 'checklist.record', 'poll.vote', 'poll.close'), fc.string());
    await fc.assert(
      fc.asyncProperty(actions, anyText, async (action, value) => {
        // A new presser each run, so the per-user button allowance never hides a missing reply.
        const replies = await exchange(quick, presses({ id: `U${++pressers}`, name: 'P' }, action, value));
        expect(replies.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
