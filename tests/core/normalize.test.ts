import { describe, expect, it } from 'vitest';
import { labelKey, normalizeLabel } from '../../src/core/normalize.js';

describe('normalizeLabel', () => {
  it.each([
    ['zero-width space inside a word', 'Ru\u200bst', 'Rust'],
    ['right-to-left override', '\u202egnaL', 'gnaL'],
    ['bidi isolates', '\u2066Go\u2069', 'Go'],
    ['full-width letters (NFKC)', 'Ｒｕｓｔ', 'Rust'],
    ['ligature (NFKC)', 'ﬁle', 'file'],
    ['soft hyphen', '\u00adGo', 'Go'],
    ['word joiner and BOM', 'G\u2060o\ufeff', 'Go'],
    ['Hangul filler', 'Go\u3164', 'Go'],
    ['joiner between letters', 'a\u200db', 'ab'],
    ['joiner at the end of an emoji', '👍🏽\u200d', '👍🏽'],
    ['variation selector after a letter', 'Rust\ufe0f', 'Rust'],
    ['tag characters after a letter', 'x\u{e0067}\u{e007f}', 'x'],
    ['spaces around and inside', '  Both \u00a0 (hybrid) ', 'Both (hybrid)'],
  ])('removes %s', (_what, raw, expected) => {
    expect(normalizeLabel(raw)).toBe(expected);
  });

  it.each([
    ['a ZWJ emoji sequence', '👩\u200d💻'],
    ['a ZWJ sequence with a skin tone', '👩🏽\u200d🚀'],
    ['an emoji presentation selector', '❤\ufe0f'],
    ['a keycap', '1\ufe0f\u20e3'],
    ['a subdivision flag', '🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}'],
  ])('keeps %s whole', (_what, raw) => {
    expect(normalizeLabel(raw)).toBe(raw);
  });

  it('compares case-insensitively after normalisation', () => {
    expect(labelKey('RUST')).toBe(labelKey('Ru\u200bst\ufe0f'));
    expect(labelKey('Ｇｏ')).toBe(labelKey('go'));
    expect(labelKey('Rust')).not.toBe(labelKey('Go'));
  });
});
