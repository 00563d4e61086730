import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.js';
import type { Store } from '../../src/state/store.js';
import { FakeClock, testBot } from '../helpers/core.js';
import { startDiscordRig, type DiscordRig } from '../helpers/fake-discord-bot.js';
import type { FakeUser, RecordedRequest } from '../helpers/fake-discord.js';

const EPHEMERAL = 64;
const VIEW_CHANNEL = 1024;
const MIN = 60_000;
const replyTo = (id: string) => (r: RecordedRequest) => r.json?.message_reference?.message_id === id;
const buttons = (message: Record<string, any>): Map<string, string> =>
  new Map((message.components ?? []).flatMap((row: any) => row.components ?? []).map((c: any) => [c.label as string, c.custom_id as string]));
const visible = (body: any): string =>
  [body?.content ?? '', ...(body?.embeds ?? []).flatMap((e: any) => [e.title, e.description, e.footer?.text])].join('\n');

describe('the decision log over discord.js', () => {
  let rig: DiscordRig;
  let sweeper: Bot;
  let store: Store;
  const clock = new FakeClock();
  let insider: FakeUser;
  let outsider: FakeUser;

  beforeAll(async () => {
    const bot = await testBot({ clock });
    store = bot.store;
    rig = await startDiscordRig(bot);
    await bot.start({ outboxes: [rig.adapter.outbox], sweepIntervalMs: 3_600_000 });
    sweeper = bot;
    const { world } = rig.fake;
    [insider, outsider] = [world.user(31), world.user(32)] as [FakeUser, FakeUser];
    // `random` becomes private: hidden from @everyone, shown to the insider.
    rig.fake.gateway.dispatch('CHANNEL_UPDATE', {
      id: world.otherChannelId, type: 0, name: 'random', position: 1, guild_id: world.guildId, nsfw: false, parent_id: null,
      permission_overwrites: [
        { id: world.guildId, type: 0, allow: '0', deny: String(VIEW_CHANNEL) },
        { id: insider.id, type: 1, allow: String(VIEW_CHANNEL), deny: '0' },
      ],
    });
  });
  afterAll(async () => {
    await sweeper?.stop();
    await rig?.close();
  });

  async function say(who: FakeUser, text: string, channelId = rig.fake.world.channelId): Promise<Record<string, any>> {
    const msg = rig.fake.say(who, text, { channelId });
    await rig.fake.waitFor(replyTo(msg.id));
    return [...rig.fake.world.messages.values()].find((m) => m.message_reference?.message_id === msg.id)!;
  }

  async function slash(who: FakeUser, text: string): Promise<RecordedRequest> {
    const i = rig.fake.slash(who, text);
    return rig.fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
  }

  it('GIVEN a closed poll in a private channel and one in a public channel THEN `decisions` and `polls` show an outsider only the public ones, ephemerally', async () => {
    await say(insider, 'poll Secret plan? | Rust | Go', rig.fake.world.otherChannelId);
    await say(insider, 'close', rig.fake.world.otherChannelId);
    await say(outsider, 'poll Lunch order? | Pizza | Soup');
    await say(outsider, 'close');
    await say(outsider, 'poll for 2h Still open? | Yes | No');

    const list = await slash(outsider, 'decisions');
    expect(list.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(visible(list.json.data)).toContain('Lunch order?');
    expect(visible(list.json.data)).toContain('#general https://discord.com/channels/');
    expect(visible(list.json.data)).not.toContain('Secret plan?');

    const insiders = await slash(insider, 'decisions');
    expect(visible(insiders.json.data)).toContain('Secret plan?');

    const polls = await slash(outsider, 'polls');
    expect(polls.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(visible(polls.json.data)).toMatch(/Still open\?.*closes <t:\d+:f>/s);
  });

  it('GIVEN the record button on the list THEN the ADR goes to the asker’s DM with the bot', async () => {
    const list = await slash(outsider, 'decisions');
    const message = [...rig.fake.world.messages.values()].find((m) => m.interaction_metadata?.id === list.path.split('/')[2]) ?? list.json.data;
    const recordId = [...buttons(message)].find(([label]) => label.startsWith('Decision record'))?.[1];
    expect(recordId).toBeDefined();
    rig.fake.press(outsider, recordId!, { ...message, id: message.id ?? '1' });
    const dm = rig.fake.world.dmChannelOf(outsider);
    const sent = await rig.fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${dm}/messages` && (r.files?.length ?? 0) > 0);
    expect(sent.files?.[0]?.name).toMatch(/^adr-[a-z0-9]{6}-poll-/);
  });

  it('GIVEN a `remind` poll THEN its one reminder replies to the poll message, pings no one and shows the deadline as <t:…:f>', async () => {
    const poll = await say(outsider, 'poll remind for 8m Deploy Friday? | Yes | No');
    // The poll's message id is saved just after it is posted; the reminder replies to it.
    const pollId = /\|([a-z0-9]+):0$/.exec(buttons(poll).get('Yes') ?? '')?.[1] as string;
    const convKey = `discord:${rig.fake.world.guildId}:${rig.fake.world.channelId}`;
    await expect.poll(async () => ((await store.get('polls', `${convKey}:${pollId}`)) as { message?: unknown } | undefined)?.message).toBeTruthy();
    clock.advance(6 * MIN + 10_000);
    await sweeper.sweep();
    const reminder = await rig.fake.waitFor(replyTo(poll.id));
    expect(reminder.json.content).toMatch(/^Reminder: the poll "Deploy Friday\?" is still open\. 0 people have voted so far\. It closes <t:\d+:f>\.$/);
    expect(reminder.json.allowed_mentions).toEqual({ parse: [], replied_user: false });
    await sweeper.sweep();
    expect(rig.fake.requests.filter(replyTo(poll.id))).toHaveLength(1);
  });
});
