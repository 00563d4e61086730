import { describe, expect, it } from 'vitest';
import { DemoHandler, startDiscordRig } from '../helpers/fake-discord-bot.js';

/**
 * The other load order: the Discord adapter module (and discord.js) first, @slack/bolt loaded later
 * by a dynamic import and before the Discord client is built, as a composition root that loads each
 * adapter only when it is configured may do.
 */
describe('Discord attachments when @slack/bolt is loaded after the Discord adapter module', () => {
  it('GIVEN Bolt 5 imported lazily after discord.js THEN a reply with a file is still delivered', async () => {
    const bolt = await import('@slack/bolt');
    expect(typeof bolt.App).toBe('function');
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
