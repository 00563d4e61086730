import { describe, expect, it } from 'vitest';
import { createSpeller, editDistance } from '../../src/core/knowledge/spelling.js';

describe('typo correction', () => {
  const speller = createSpeller(
    new Map([
      ['latency', 3],
      ['goroutine', 5],
      ['framework', 4],
      ['frameworks', 1],
      ['rail', 2],
      ['broad', 2],
      ['cargo', 2],
      ['race', 2],
      ['should', 0],
    ]),
  );

  it('GIVEN two neighbouring letters swapped THEN that is one edit', () => {
    expect(editDistance('latnecy', 'latency', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it.each([
    ['latnecy', 'latency'],
    ['gorutine', 'goroutine'],
    ['framwrok', 'framework'],
  ])('GIVEN %j THEN it is read as %j', (typed, meant) => {
    expect(speller.correct(typed)).toBe(meant);
  });

  it('GIVEN a five-letter word THEN only swapped letters are corrected, not a changed one that makes another word', () => {
    expect(speller.correct('cagro')).toBe('cargo');
    expect(speller.correct('bread')).toBeUndefined();
  });

  it('GIVEN a four-letter word (a folded plural: "raecs" → "raec") THEN two swapped letters are corrected, nothing else', () => {
    expect(speller.correct('raec')).toBe('race');
    expect(speller.correct('rack')).toBeUndefined();
  });

  it('GIVEN a misspelt filler word THEN it is read as that word', () => {
    expect(speller.correct('shuold')).toBe('should');
  });

  it('GIVEN a known word, a short word, another first letter or a far word THEN nothing is corrected', () => {
    expect(speller.correct('latency')).toBeUndefined();
    expect(speller.correct('rain')).toBeUndefined();
    expect(speller.correct('fatency')).toBeUndefined();
    expect(speller.correct('lunacy')).toBeUndefined();
  });
});
