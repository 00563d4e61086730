import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoHandler, startDiscordRig, type DiscordRig } from '../helpers/fake-discord-bot.js';

describe('Discord permission refusals and unsolicited posts', () => {
  let rig: DiscordRig;
  const lines: Array<{ msg: string; channelId?: string }> = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });

  beforeAll(async () => {
    rig = await startDiscordRig(new DemoHandler(), { logger });
  });
  afterAll(async () => rig?.close());

  it('GIVEN Missing Permissions (50013) on a reply THEN a plain-text note on the needed permissions is posted, and the refusal logged once', async () => {
    const { fake } = rig;
    const channel = new RegExp(`^/channels/${fake.world.otherChannelId}/messages$`);
    for (let n = 0; n < 2; n++) {
      fake.failNext('POST', channel, 403, { message: 'Missing Permissions', code: 50013 });
      const msg = fake.say(fake.world.user(10 + n), 'buttons', { channelId: fake.world.otherChannelId });
      // the refused reply, then the note
      await fake.waitFor(() => fake.requests.filter((x) => channel.test(x.path)).length === 2 * (n + 1));
      expect(fake.repliesTo(msg.id)).toHaveLength(1); // the refused attempt
    }
    const notes = fake.requests.filter((r) => channel.test(r.path) && !r.json?.message_reference);
    expect(notes).toHaveLength(2);
    expect(notes[0]?.json.content).toMatch(/Embed Links, Attach Files/);
    expect(notes[0]?.json.embeds).toEqual([]);
    expect(notes[0]?.json.allowed_mentions.parse).toEqual([]);
    expect(lines.filter((l) => l.msg.includes('missing permissions'))).toHaveLength(1);
  });

  it('GIVEN Missing Access (50001) where even the note is refused THEN the note goes to the asker by DM', async () => {
    const { fake } = rig;
    const user = fake.world.user(20);
    const channel = new RegExp(`^/channels/${fake.world.threadId}/messages$`);
    fake.failNext('POST', channel, 403, { message: 'Missing Access', code: 50001 });
    fake.failNext('POST', channel, 403, { message: 'Missing Access', code: 50001 });
    fake.say(user, 'help', { channelId: fake.world.threadId });
    const dm = fake.world.dmChannelOf(user);
    const note = await fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${dm}/messages`);
    expect(note.json.content).toMatch(/permissions I need/);
  });

  it('GIVEN the outbox THEN it posts to a channel and edits that message in place', async () => {
    const { fake, adapter } = rig;
    const conversation = { platform: 'discord' as const, workspaceId: fake.world.guildId, channelId: fake.world.channelId, threadId: fake.world.threadId, isDirect: false };
    const handle = await adapter.outbox.post(conversation, { title: 'Poll closed', sections: ['@everyone Go wins'] });
    expect(handle?.messageId).toBeDefined();
    const post = await fake.waitFor((r) => r.method === 'POST' && r.json?.embeds?.[0]?.title === 'Poll closed');
    expect(post.path).toBe(`/channels/${fake.world.threadId}/messages`);
    expect(post.json.allowed_mentions).toEqual({ parse: [], replied_user: false });
    await adapter.outbox.update(handle!, { sections: ['Final: Go 3, Rust 2'] });
    const edit = await fake.waitFor((r) => r.method === 'PATCH' && r.path.endsWith(`/messages/${handle!.messageId}`));
    expect(edit.json).toMatchObject({ content: 'Final: Go 3, Rust 2', embeds: [], components: [] });
    expect(edit.json.allowed_mentions.parse).toEqual([]);
  });
});
