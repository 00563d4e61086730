import { describe, expect, it } from 'vitest';
import { stripBotMention } from '../../adapters/discord/translate.js';

describe('stripBotMention', () => {
  it.each([
    ['<@42> help', 'help'],
    ['<@!42>   poll  Rust | Go', 'poll Rust | Go'],
    ['what about <@42> GC?', 'what about GC?'],
    ['<@42>', ''],
    ['<@421> help', '<@421> help'],
    ['<@43> <@42> hi', '<@43> hi'],
  ])('GIVEN %j THEN the core reads %j', (raw, text) => {
    expect(stripBotMention(raw, '42')).toBe(text);
  });

  it('GIVEN a line break after the mention THEN the lines are kept', () => {
    expect(stripBotMention('<@42> poll Which?\nRust | Go', '42')).toBe('poll Which?\nRust | Go');
  });
});
