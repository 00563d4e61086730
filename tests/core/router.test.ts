import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/router.js';

describe('parseCommand: a command only when the first word is one and the rest fits', () => {
  it.each([
    ['', { type: 'help' }],
    ['   ', { type: 'help' }],
    ['help', { type: 'help' }],
    ['HELP', { type: 'help' }],
    ['topics', { type: 'topics' }],
    ['topics stats', { type: 'topics-stats' }],
    ['Topics STATS', { type: 'topics-stats' }],
    ['results', { type: 'results' }],
    ['close', { type: 'close' }],
    ['export', { type: 'export' }],
    ['checklist', { type: 'checklist', sub: 'show' }],
    ['checklist restart', { type: 'checklist', sub: 'restart' }],
    ['Checklist Cancel', { type: 'checklist', sub: 'cancel' }],
    ['ask', { type: 'ask', question: '' }],
    ['ask does Go have generics?', { type: 'ask', question: 'does Go have generics?' }],
    ['poll', { type: 'poll', args: '' }],
    ['poll for 2h Which one? | Rust | Go', { type: 'poll', args: 'for 2h Which one? | Rust | Go' }],
  ])('%j → %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    'close to the metal?',
    'help me pick for a CPU-heavy service',
    'results of the benchmarks game?',
    'export Rust to WASM?',
    'topics about gc',
    'checklist about microservices',
    'does Go GC hurt latency?',
  ])('GIVEN %j THEN it is a question', (text) => {
    expect(parseCommand(text)).toEqual({ type: 'ask', question: text.trim() });
  });

  it('GIVEN text over 4,000 characters THEN it is refused as too long', () => {
    expect(parseCommand('x'.repeat(4_001))).toEqual({ type: 'too-long', length: 4_001 });
    expect(parseCommand('x'.repeat(4_000)).type).toBe('ask');
  });
});
