import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoHandler, startDiscordRig, type DiscordRig } from '../helpers/fake-discord-bot.js';

describe('Discord mentions and DMs through the real discord.js client', () => {
  let rig: DiscordRig;
  const handler = new DemoHandler();

  beforeAll(async () => {
    rig = await startDiscordRig(handler);
  });
  afterAll(async () => rig?.close());

  it('GIVEN the adapter started THEN it identified with guilds, guild messages and DMs but not message content', () => {
    const intents = rig.fake.gateway.identifies[0]?.intents as number;
    expect(intents & 1).toBe(1); // Guilds
    expect(intents & (1 << 9)).toBe(1 << 9); // GuildMessages
    expect(intents & (1 << 12)).toBe(1 << 12); // DirectMessages
    expect(intents & (1 << 15)).toBe(0); // MessageContent (privileged)
    expect(rig.fake.gateway.identifies[0]?.token).toBe(rig.fake.token);
  });

  it('GIVEN a mention asking for help THEN the core gets the text without the mention and the reply answers that message', async () => {
    const user = rig.fake.world.user(1);
    const msg = rig.fake.say(user, 'help');
    const sent = await rig.fake.waitFor((r) => r.json?.message_reference?.message_id === msg.id);
    const incoming = handler.seen.find((i) => i.eventId === msg.id);
    expect(incoming).toMatchObject({
      kind: 'mention',
      text: 'help',
      commandPrefix: '@RustGo ',
      sender: { id: user.id, name: 'User 1' },
      conversation: { platform: 'discord', workspaceId: rig.fake.world.guildId, channelId: rig.fake.world.channelId, isDirect: false },
    });
    expect(await incoming?.sender.isAdmin()).toBe(false);
    expect(sent.path).toBe(`/channels/${rig.fake.world.channelId}/messages`);
    expect(sent.json.embeds[0].title).toBe('RustGo help');
    expect(sent.json.flags ?? 0).toBe(0); // cannot be ephemeral: a normal reply
    expect(sent.json.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('GIVEN a question from an admin in a thread THEN it is answered in the thread, with the parent as channel', async () => {
    const admin = rig.fake.world.user(2, { admin: true });
    const msg = rig.fake.say(admin, 'what about <@999> GC pauses?', { channelId: rig.fake.world.threadId });
    const sent = await rig.fake.waitFor((r) => r.json?.message_reference?.message_id === msg.id);
    expect(sent.path).toBe(`/channels/${rig.fake.world.threadId}/messages`);
    expect(sent.json.content).toBe('You asked: what about @someone GC pauses?');
    expect(sent.json.allowed_mentions.parse).toEqual([]);
    expect(await handler.seen.find((i) => i.eventId === msg.id)?.sender.isAdmin()).toBe(true);
    expect(handler.seen.find((i) => i.eventId === msg.id)).toMatchObject({
      conversation: { channelId: rig.fake.world.channelId, threadId: rig.fake.world.threadId },
    });
  });

  it('GIVEN users, a role, a channel, an emoji, a time and a command in the text THEN the core gets their names, not the markup', async () => {
    const { world } = rig.fake;
    const other = world.user(12);
    const msg = rig.fake.say(world.user(11), `poll <#${world.channelId}> or <@!${other.id}> <@&${world.adminRoleId}> <:ferris:42> <t:0:R> </rustgo:1>`, { mentions: [other] });
    await rig.fake.waitFor((r) => r.json?.message_reference?.message_id === msg.id);
    expect(handler.seen.find((i) => i.eventId === msg.id)?.text).toBe('poll #general or @User 12 @Admin :ferris: 1970-01-01 00:00 UTC /rustgo');
  });

  it('GIVEN a slash command naming a cached channel and an unknown user THEN the text option is decoded too', async () => {
    const { world } = rig.fake;
    const slash = rig.fake.slash(world.user(13), `ask <#${world.channelId}> <@555> go gc`);
    await rig.fake.waitFor((r) => r.path.includes(`/interactions/${slash.id}/`));
    expect(handler.seen.find((i) => i.eventId === slash.id)?.text).toBe('ask #general @someone go gc');
  });

  it('GIVEN a DM without a mention THEN it goes to the core as direct and is answered in the DM', async () => {
    const user = rig.fake.world.user(3);
    const msg = rig.fake.dm(user, 'is Go faster to compile?');
    const sent = await rig.fake.waitFor((r) => r.json?.message_reference?.message_id === msg.id);
    expect(sent.path).toBe(`/channels/${msg.channel_id}/messages`);
    expect(handler.seen.find((i) => i.eventId === msg.id)).toMatchObject({
      kind: 'direct',
      commandPrefix: '',
      text: 'is Go faster to compile?',
      conversation: { workspaceId: '@dm', channelId: msg.channel_id, isDirect: true },
    });
  });

  it('GIVEN guild chatter without a mention, a bot and the bot itself THEN none reach the core or get a reply', async () => {
    const before = handler.seen.length;
    const chatter = rig.fake.say(rig.fake.world.user(4), 'just talking', { mentionBot: false });
    const otherBot = rig.fake.say(rig.fake.world.user(5, { bot: true }), 'help');
    const self = rig.fake.say(rig.fake.world.bot, 'help');
    const marker = rig.fake.say(rig.fake.world.user(6), 'marker');
    await rig.fake.waitFor((r) => r.json?.message_reference?.message_id === marker.id);
    expect(handler.seen.length - before).toBe(1);
    for (const m of [chatter, otherBot, self]) expect(rig.fake.repliesTo(m.id)).toEqual([]);
  });

  it('GIVEN @everyone and role pings in the text THEN every message the bot sent pings no one', async () => {
    const msg = rig.fake.say(rig.fake.world.user(7), '@everyone @here <@&123> vote now');
    const sent = await rig.fake.waitFor((r) => r.json?.message_reference?.message_id === msg.id);
    expect(sent.json.content).toContain('@everyone');
    for (const r of rig.fake.sends()) {
      // An interaction callback carries the message under `data`.
      const allowed = r.json.allowed_mentions ?? r.json.data?.allowed_mentions;
      expect(allowed).toMatchObject({ parse: [] });
      expect(allowed.replied_user ?? false).toBe(false);
    }
  });

  it('GIVEN a request for a file THEN it is sent as an attachment', async () => {
    const msg = rig.fake.say(rig.fake.world.user(8), 'file');
    const sent = await rig.fake.waitFor((r) => r.json?.message_reference?.message_id === msg.id);
    expect(sent.files).toHaveLength(1);
    expect(sent.files[0]).toMatchObject({ name: 'decision.md', text: '# Decision\nGo.' });
  });

  it('GIVEN the core throws THEN the user still gets the core’s apology', async () => {
    const msg = rig.fake.say(rig.fake.world.user(9), 'boom');
    const sent = await rig.fake.waitFor((r) => r.json?.message_reference?.message_id === msg.id);
    expect(sent.json.content).toMatch(/went wrong/);
  });
});
