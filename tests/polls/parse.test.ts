import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, DEFAULT_QUESTION, parseDuration, parsePollArgs } from '../../src/core/polls/parse.js';

const H = 3_600_000;

describe('poll syntax', () => {
  it.each([
    ['', DEFAULT_QUESTION, DEFAULT_OPTIONS, false, false, undefined],
    ['Which language for billing?', 'Which language for billing?', DEFAULT_OPTIONS, false, false, undefined],
    ['Which language for billing? | Rust | Go', 'Which language for billing?', ['Rust', 'Go'], false, false, undefined],
    ['anonymous hidden for 2h Q? | a | b', 'Q?', ['a', 'b'], true, true, 2 * H],
    ['hidden anonymous Q', 'Q', DEFAULT_OPTIONS, true, true, undefined],
    ['for 30m', DEFAULT_QUESTION, DEFAULT_OPTIONS, false, false, H / 2],
    ['FOR 3d Anonymous', DEFAULT_QUESTION, DEFAULT_OPTIONS, true, false, 72 * H],
    ['for 30d', DEFAULT_QUESTION, DEFAULT_OPTIONS, false, false, 720 * H],
    ['for billing, Rust or Go?', 'for billing, Rust or Go?', DEFAULT_OPTIONS, false, false, undefined],
    ['anonymous anonymous', 'anonymous', DEFAULT_OPTIONS, true, false, undefined],
    ['| Rust | Go', DEFAULT_QUESTION, ['Rust', 'Go'], false, false, undefined],
    ['  Q   with   spaces  |  a  b | c ', 'Q with spaces', ['a b', 'c'], false, false, undefined],
  ])('%j → question %j', (args, question, options, anonymous, hidden, durationMs) => {
    expect(parsePollArgs(args)).toEqual({ ok: true, value: { question, options, anonymous, hidden, durationMs } });
  });

  it.each([
    ['for 31d Q', /at most 30 days/],
    ['for 0m Q', /at least a minute/],
    ['Q | only one', /at least 2 options/],
    ['Q | a | | b', /empty/],
    ['Q | Rust | rust', /appears twice/],
    [`Q | ${Array.from({ length: 11 }, (_, i) => `o${i}`).join(' | ')}`, /at most 10 options/],
    [`${'x'.repeat(201)}`, /201 characters long; a poll question can have at most 200/],
    [`Q | ${'y'.repeat(51)} | b`, /options can have at most 50/],
    ['Q | Rust | Ru\u200bst', /appears twice/],
    ['Q | Rust | \u202eRUST\u202c', /appears twice/],
    ['Q | Ｇｏ | go', /appears twice/],
    ['Q | Rust | Rust\ufe0f', /appears twice/],
    ['Q | Rust | \u200b\u2060', /empty/],
  ])('%j is refused', (args, message) => {
    const result = parsePollArgs(args);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(message);
  });

  it('normalises the question and options before storing them, keeping emoji sequences whole', () => {
    const result = parsePollArgs('Which \u202elang\u202c? | \u2066Rust\u2069 | Ｇｏ | 👩\u200d💻 both');
    expect(result).toMatchObject({ ok: true, value: { question: 'Which lang?', options: ['Rust', 'Go', '👩\u200d💻 both'] } });
  });

  it('counts the length after normalisation, so invisible padding does not push an option over', () => {
    const padded = `${'y'.repeat(50)}${'\u200b'.repeat(20)}`;
    expect(parsePollArgs(`Q | ${padded} | b`)).toMatchObject({ ok: true, value: { options: ['y'.repeat(50), 'b'] } });
  });

  it('accepts exactly 200 / 50 characters and 10 options', () => {
    const options = Array.from({ length: 10 }, (_, i) => `${i}${'z'.repeat(49)}`);
    expect(parsePollArgs(`${'q'.repeat(200)} | ${options.join(' | ')}`).ok).toBe(true);
  });

  it('reads durations', () => {
    expect(parseDuration('45m')).toBe(45 * 60_000);
    expect(parseDuration('2h')).toBe(2 * H);
    expect(parseDuration('1d')).toBe(24 * H);
    expect(parseDuration('2x')).toBeUndefined();
  });

  it('GIVEN any string THEN a spec within the limits or a clear refusal, never a throw', () => {
    const word = fc.constantFrom('anonymous', 'hidden', 'for', '30m', '31d', '|', ' ', 'Rust', '@everyone', '');
    const input = fc.oneof(fc.string({ maxLength: 400 }), fc.array(word, { maxLength: 30 }).map((w) => w.join(' ')));
    fc.assert(
      fc.property(input, (args) => {
        const result = parsePollArgs(args);
        if (result.ok) {
          const { question, options } = result.value;
          expect(question.length).toBeGreaterThan(0);
          expect(question.length).toBeLessThanOrEqual(200);
          expect(options.length).toBeGreaterThanOrEqual(2);
          expect(options.length).toBeLessThanOrEqual(10);
          expect(options.every((o) => o.length > 0 && o.length <= 50)).toBe(true);
          expect(new Set(options.map((o) => o.toLowerCase())).size).toBe(options.length);
        } else {
          expect(result.reason.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
