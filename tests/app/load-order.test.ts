// discord.js first, then Bolt: the order src/main.ts loads them in when both tokens are set. Its mirror,
// Bolt first, is tests/discord/bolt-coexistence.test.ts; each file runs in its own module graph.
import 'discord.js';
import '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { fileReplyTexts } from '../helpers/fake-discord-bot.js';

describe('Discord attachments with discord.js loaded before @slack/bolt', () => {
  it('GIVEN discord.js loaded before Bolt 5 THEN a reply with a file is delivered', async () => {
    expect(await fileReplyTexts()).toEqual(['# Decision\nGo.']);
  });
});
