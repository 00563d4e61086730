import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.js';
import { startDiscordRig, type DiscordRig } from '../helpers/fake-discord-bot.js';
import type { FakeUser, RecordedRequest } from '../helpers/fake-discord.js';
import { FakeClock, testBot } from '../helpers/core.js';

const EPHEMERAL = 64;
const replyTo = (id: string) => (r: RecordedRequest) => r.json?.message_reference?.message_id === id;

function buttons(message: Record<string, any>): Map<string, string> {
  const all = (message.components ?? []).flatMap((row: any) => row.components ?? []);
  return new Map(all.map((c: any) => [c.label as string, c.custom_id as string]));
}

/** All text a user sees in a recorded message body. */
function visible(body: any): string {
  return [body?.content ?? '', ...(body?.embeds ?? []).flatMap((e: any) => [e.title, e.description, e.footer?.text])].join('\n');
}

describe('team polls over Discord with the real core', () => {
  let rig: DiscordRig;
  let sweeper: Bot;
  const clock = new FakeClock();

  beforeAll(async () => {
    const bot = await testBot({ clock });
    rig = await startDiscordRig(bot);
    await bot.start({ outboxes: [rig.adapter.outbox], sweepIntervalMs: 3_600_000 });
    sweeper = bot;
  });
  afterAll(async () => {
    await sweeper?.stop();
    await rig?.close();
  });

  async function startPoll(who: FakeUser, text: string): Promise<string> {
    const msg = rig.fake.say(who, text);
    await rig.fake.waitFor(replyTo(msg.id));
    return [...rig.fake.world.messages.values()].find((m) => m.message_reference?.message_id === msg.id)!.id as string;
  }

  async function press(who: FakeUser, pollId: string, label: string): Promise<RecordedRequest> {
    const message = rig.fake.world.messages.get(pollId)!;
    const id = buttons(message).get(label);
    if (!id) throw new Error(`no button "${label}"`);
    const i = rig.fake.press(who, id, message);
    return rig.fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
  }

  it('GIVEN votes from several users, a moved vote and a close THEN each voter hears privately and the poll message shows the truth', async () => {
    const { fake } = rig;
    const [alice, bob, carol, dave] = [11, 12, 13, 14].map((n) => fake.world.user(n));
    const pollId = await startPoll(alice!, 'poll Billing service? | Rust | Go');
    expect(fake.world.messages.get(pollId)!.embeds[0].title).toBe('Team poll');

    const first = await press(bob!, pollId, 'Go');
    expect(first.json.type).toBe(4);
    expect(first.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(first.json.data.content).toBe('You voted Go.');
    await press(carol!, pollId, 'Go');
    await press(dave!, pollId, 'Rust');
    const moved = await press(bob!, pollId, 'Rust');
    expect(moved.json.data.content).toBe('Your vote moved to Rust.');
    await expect.poll(() => visible(fake.world.messages.get(pollId)), { timeout: 3000 }).toContain('**Total: 3**');
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path === `/channels/${fake.world.channelId}/messages/${pollId}`)).toBe(true);

    const refused = await press(carol!, pollId, 'Close poll');
    expect(refused.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const closed = await press(alice!, pollId, 'Close poll');
    expect(visible(closed.json.data)).toMatch(/Winner: \*\*Rust\*\* with 2 of 3 votes/);
    await expect.poll(() => fake.world.messages.get(pollId)?.embeds?.[0]?.title, { timeout: 3000 }).toBe('Team poll (closed)');
    expect(fake.world.messages.get(pollId)?.components).toEqual([]);
  });

  it('GIVEN @everyone and @here in a poll question THEN the poll is sent with allowed mentions that ping no one', async () => {
    const { fake } = rig;
    const before = fake.requests.length;
    const pollId = await startPoll(fake.world.user(21), 'poll @everyone @here Rust or Go? | @everyone | Go');
    await press(fake.world.user(22), pollId, 'Go');
    await expect.poll(() => visible(fake.world.messages.get(pollId)), { timeout: 3000 }).toContain('**Total: 1**');
    const sent = fake.sends().filter((r) => fake.requests.indexOf(r) >= before);
    expect(sent.length).toBeGreaterThanOrEqual(3); // the poll, the confirmation, the tally edit
    for (const r of sent) {
      const body = r.path.endsWith('/callback') ? r.json.data : r.json;
      expect(body.allowed_mentions).toMatchObject({ parse: [] });
      expect(body.allowed_mentions.replied_user ?? false).toBe(false);
      expect(visible(body)).not.toMatch(/@(everyone|here)\b/);
    }
  });

  it('GIVEN a poll with a deadline THEN the sweep closes it once and announces the result in the channel', async () => {
    const { fake } = rig;
    const pollId = await startPoll(fake.world.user(31), 'poll for 30m Ship it? | Rust | Go');
    await press(fake.world.user(32), pollId, 'Go');
    clock.advance(31 * 60_000);
    expect(await sweeper.sweep()).toBe(1);
    expect(await sweeper.sweep()).toBe(0);
    const announcements = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.world.channelId}/messages` && /Ship it\?.*is closed/s.test(visible(r.json)));
    expect(announcements).toHaveLength(1);
    expect(announcements[0]?.json.allowed_mentions.parse).toEqual([]);
    await expect.poll(() => fake.world.messages.get(pollId)?.embeds?.[0]?.title, { timeout: 3000 }).toBe('Team poll (closed)');
  });
});
