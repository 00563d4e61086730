// discord.js first, then Bolt: the order src/main.ts loads them in when both tokens are set. Its mirror,
// Bolt first, is tests/discord/bolt-coexistence.test.ts; each file runs in its own module graph.
import 'discord.js';
import '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { DemoHandler, startDiscordRig } from '../helpers/fake-discord-bot.js';

describe('Discord attachments with discord.js loaded before @slack/bolt', () => {
  it('GIVEN discord.js loaded before Bolt 5 THEN a reply with a file is delivered', async () => {
    const rig = await startDiscordRig(new DemoHandler());
    try {
      const msg = rig.fake.say(rig.fake.world.user(1), 'file');
      const sent = await rig.fake.waitFor((r) => r.json?.message_reference?.message_id === msg.id, 3000);
      expect(sent.files.map((f) => f.text)).toEqual(['# Decision\nGo.']);
    } finally {
      await rig.close();
    }
  });
});
