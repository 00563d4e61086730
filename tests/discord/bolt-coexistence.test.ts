// Bolt first: loading it installs undici 7 as Node's global dispatcher before discord.js loads,
// which is the order that broke discord.js attachments.
import '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { DemoHandler, startDiscordRig } from '../helpers/fake-discord-bot.js';

describe('Discord attachments with @slack/bolt loaded in the same process', () => {
  it('GIVEN Bolt 5 loaded before discord.js THEN a reply with a file is still delivered', async () => {
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
