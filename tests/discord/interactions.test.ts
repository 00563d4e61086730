import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoHandler, startDiscordRig, type DiscordRig } from '../helpers/fake-discord-bot.js';
import type { RecordedRequest } from '../helpers/fake-discord.js';

const EPHEMERAL = 64;
const callbackOf = (rs: RecordedRequest[]) => rs.find((r) => r.path.endsWith('/callback'));

describe('Discord /rustgo and buttons through the real discord.js client', () => {
  let rig: DiscordRig;
  const handler = new DemoHandler();

  beforeAll(async () => {
    rig = await startDiscordRig(handler, { deferAfterMs: 300 });
  });
  afterAll(async () => rig?.close());

  it('GIVEN /rustgo help THEN the answer is the interaction response (type 4), ephemeral, within 3 s', async () => {
    const user = rig.fake.world.user(1);
    const i = rig.fake.slash(user, 'help');
    const start = performance.now();
    const cb = await rig.fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
    expect(cb.at - start).toBeLessThan(3000);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.embeds[0].title).toBe('RustGo help');
    expect(cb.json.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(handler.seen.find((x) => x.eventId === i.id)).toMatchObject({
      kind: 'command',
      text: 'help',
      commandPrefix: '/rustgo text:',
      sender: { id: user.id },
      conversation: { workspaceId: rig.fake.world.guildId, channelId: rig.fake.world.channelId },
    });
  });

  it('GIVEN /rustgo without text in a DM THEN the core gets an empty command from the @dm workspace', async () => {
    const user = rig.fake.world.user(2);
    const i = rig.fake.slash(user, undefined, { dm: true });
    const cb = await rig.fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
    expect(cb.json.type).toBe(4);
    expect(handler.seen.find((x) => x.eventId === i.id)).toMatchObject({
      text: '',
      conversation: { workspaceId: '@dm', isDirect: true },
    });
  });

  it('GIVEN /rustgo in a thread THEN the conversation is the parent channel plus the thread', async () => {
    const i = rig.fake.slash(rig.fake.world.user(12), 'hello', { channelId: rig.fake.world.threadId });
    await rig.fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
    expect(handler.seen.find((x) => x.eventId === i.id)?.conversation).toEqual({
      platform: 'discord',
      workspaceId: rig.fake.world.guildId,
      channelId: rig.fake.world.channelId,
      threadId: rig.fake.world.threadId,
      isDirect: false,
    });
  });

  it('GIVEN slow work THEN the command is deferred (type 5) in time and the deferred message is filled in', async () => {
    const i = rig.fake.slash(rig.fake.world.user(3, { admin: true }), 'slow');
    const start = performance.now();
    const cb = await rig.fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
    expect(cb.json.type).toBe(5);
    expect(cb.at - start).toBeLessThan(3000);
    const edit = await rig.fake.waitFor((r) => r.method === 'PATCH' && r.path.endsWith(`/${i.token}/messages/@original`));
    expect(edit.json.content).toBe('Done thinking.');
    expect(edit.json.allowed_mentions.parse).toEqual([]);
    expect(await handler.seen.find((x) => x.eventId === i.id)?.sender.isAdmin()).toBe(true);
  });

  it('GIVEN a slow ephemeral answer THEN the public deferral is removed and the answer is a private follow-up', async () => {
    const i = rig.fake.slash(rig.fake.world.user(4), 'slowhelp');
    const del = await rig.fake.waitFor((r) => r.method === 'DELETE' && r.path.includes(i.token));
    const follow = rig.fake.answersTo(i).find((r) => r.method === 'POST' && r.path.startsWith('/webhooks/'));
    expect(follow?.json.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(follow?.json.content).toBe('Private, late.');
    expect(del.path).toContain('@original');
  });

  it('GIVEN the core fails on a command THEN the user gets an ephemeral error reply', async () => {
    const i = rig.fake.slash(rig.fake.world.user(5), 'boom');
    const cb = await rig.fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.content).toMatch(/went wrong/);
  });

  it('GIVEN buttons THEN their custom ids are action|value within 100 characters, and a press that replaces updates the message (type 7)', async () => {
    const user = rig.fake.world.user(6);
    const i = rig.fake.slash(user, 'buttons');
    const cb = await rig.fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
    const ids = cb.json.data.components.flatMap((row: any) => row.components.map((c: any) => c.custom_id));
    expect(ids).toEqual(['demo.replace|rust', 'demo.replace|go', 'demo.confirm|x']);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
    const posted = [...rig.fake.world.messages.values()].find((m) => m.components?.[0]?.components?.[0]?.custom_id === 'demo.replace|rust');
    expect(posted).toBeDefined();
    const press = rig.fake.press(rig.fake.world.user(7), 'demo.replace|go', posted!);
    const update = await rig.fake.waitFor((r) => r.path === `/interactions/${press.id}/${press.token}/callback`);
    expect(update.json.type).toBe(7);
    expect(update.json.data.content).toBe('Picked go');
    expect(update.json.data.components).toEqual([]);
    expect(handler.seen.find((x) => x.eventId === press.id)).toMatchObject({
      kind: 'button',
      button: { action: 'demo.replace', value: 'go' },
      text: '',
    });
  });

  it('GIVEN a press that confirms to one person THEN the answer is ephemeral', async () => {
    const i = rig.fake.slash(rig.fake.world.user(8), 'buttons');
    await rig.fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
    const posted = rig.fake.world.messages.get(rig.fake.world.interactions.get(i.token)!.original!)!;
    const press = rig.fake.press(rig.fake.world.user(9), 'demo.confirm|x', posted);
    const cb = await rig.fake.waitFor((r) => r.path === `/interactions/${press.id}/${press.token}/callback`);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.content).toBe('Noted, User 9.');
  });

  it('GIVEN a button with a foreign custom id THEN it never reaches the core and nothing answers it', async () => {
    const before = handler.seen.length;
    const press = rig.fake.press(rig.fake.world.user(10), 'no-separator', { id: '1', channel_id: rig.fake.world.channelId, guild_id: rig.fake.world.guildId, author: rig.fake.world.bot, content: '', timestamp: new Date().toISOString(), embeds: [], attachments: [], mentions: [], mention_roles: [], type: 0, components: [] });
    const marker = rig.fake.slash(rig.fake.world.user(11), 'help');
    await rig.fake.waitFor((r) => r.path === `/interactions/${marker.id}/${marker.token}/callback`);
    expect(handler.seen.length - before).toBe(1);
    expect(callbackOf(rig.fake.answersTo(press))).toBeUndefined();
  });
});
