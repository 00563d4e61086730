// Bolt first: loading it installs undici 7 as Node's global dispatcher before discord.js loads,
// which is the order that broke discord.js attachments.
import '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { fileReplyTexts } from '../helpers/fake-discord-bot.js';

describe('Discord attachments with @slack/bolt loaded in the same process', () => {
  it('GIVEN Bolt 5 loaded before discord.js THEN a reply with a file is still delivered', async () => {
    expect(await fileReplyTexts()).toEqual(['# Decision\nGo.']);
  });
});
