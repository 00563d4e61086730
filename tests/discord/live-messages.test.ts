import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordRig, type DiscordRig } from '../helpers/fake-discord-bot.js';
import type { FakeUser, RecordedRequest } from '../helpers/fake-discord.js';
import { testBot } from '../helpers/core.js';

const EPHEMERAL = 64;
const MINUTE = 60_000;

function buttons(message: Record<string, any>): Map<string, string> {
  const all = (message.components ?? []).flatMap((row: any) => row.components ?? []);
  return new Map(all.map((c: any) => [c.label as string, c.custom_id as string]));
}

function visible(body: any): string {
  return [body?.content ?? '', ...(body?.embeds ?? []).flatMap((e: any) => [e.title, e.description, e.footer?.text])].join('\n');
}

describe('Discord polls started with /rustgo stay editable after the interaction token expires', () => {
  let rig: DiscordRig;
  let bot: Awaited<ReturnType<typeof testBot>>;

  beforeAll(async () => {
    bot = await testBot();
    rig = await startDiscordRig(bot);
    await bot.start({ outboxes: [rig.adapter.outbox], sweepIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await bot?.stop();
    await rig?.close();
  });

  const callbackOf = (i: Record<string, any>) => (r: RecordedRequest) => r.path === `/interactions/${i.id}/${i.token}/callback`;

  async function press(who: FakeUser, message: Record<string, any>, label: string): Promise<RecordedRequest> {
    const id = buttons(message).get(label);
    if (!id) throw new Error(`no button "${label}"`);
    const i = rig.fake.press(who, id, message);
    return rig.fake.waitFor(callbackOf(i));
  }

  it('GIVEN /rustgo poll THEN the poll is a regular channel message, the command gets a private note, and a vote 20 minutes later edits the poll', async () => {
    const { fake } = rig;
    const i = fake.slash(fake.world.user(1), 'poll Which runtime? | Rust | Go');
    const cb = await fake.waitFor(callbackOf(i));
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(visible(cb.json.data)).not.toContain('Which runtime?');
    const post = await fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${fake.world.channelId}/messages` && r.json?.embeds?.[0]?.title === 'Team poll');
    expect(post.json.allowed_mentions).toMatchObject({ parse: [] });
    const poll = [...fake.world.messages.values()].find((m) => m.embeds?.[0]?.title === 'Team poll' && visible(m).includes('Which runtime?'))!;
    expect(poll.webhook_id).toBeUndefined();

    fake.world.clock.advance(20 * MINUTE);
    const vote = await press(fake.world.user(2), poll, 'Go');
    expect(vote.json.data.content).toBe('You voted Go.');
    await expect.poll(() => visible(fake.world.messages.get(poll.id)), { timeout: 5000 }).toContain('**Total: 1**');
    const edit = fake.requests.find((r) => r.method === 'PATCH' && r.path === `/channels/${fake.world.channelId}/messages/${poll.id}`);
    expect(edit?.status).toBe(200);
  });

  it('GIVEN the bot may not post in the channel THEN the poll is the interaction response, edited through the webhook, and the user hears it stops updating after 15 minutes', async () => {
    const { fake } = rig;
    fake.failNext('POST', /^\/channels\/\d+\/messages$/, 403, { message: 'Missing Permissions', code: 50013 });
    const i = fake.slash(fake.world.user(3), 'poll Which queue? | Rust | Go');
    const cb = await fake.waitFor(callbackOf(i));
    expect(cb.json.data.embeds[0].title).toBe('Team poll');
    expect((cb.json.data.flags ?? 0) & EPHEMERAL).toBe(0);
    const note = await fake.waitFor((r) => r.method === 'POST' && r.path === `/webhooks/${fake.world.applicationId}/${i.token}`);
    expect(note.json.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(visible(note.json)).toMatch(/15 minutes/);
    const pollId = fake.world.interactions.get(i.token)!.original!;

    await press(fake.world.user(4), fake.world.messages.get(pollId)!, 'Rust');
    await expect.poll(() => visible(fake.world.messages.get(pollId)), { timeout: 5000 }).toContain('**Total: 1**');
    const viaWebhook = fake.requests.find((r) => r.method === 'PATCH' && r.path.startsWith(`/webhooks/${fake.world.applicationId}/${i.token}/messages/`));
    expect(viaWebhook?.status).toBe(200);

    fake.world.clock.advance(20 * MINUTE);
    const late = await press(fake.world.user(5), fake.world.messages.get(pollId)!, 'Go');
    expect(late.json.data.content).toBe('You voted Go.');
    const refused = await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(`/${i.token}/messages/`) && r.status === 401, 5000);
    expect(refused.json).toBeDefined();
    expect(visible(fake.world.messages.get(pollId))).toContain('**Total: 1**');
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.startsWith('/channels/') && r.path.endsWith(pollId))).toBe(false);

    const after = fake.slash(fake.world.user(6), 'help');
    expect((await fake.waitFor(callbackOf(after))).json.type).toBe(4);
  });

  it('GIVEN /rustgo poll in a DM with the bot THEN the poll is a regular message in that DM', async () => {
    const { fake } = rig;
    const user = fake.world.user(7);
    const i = fake.slash(user, 'poll Which editor? | Rust | Go', { dm: true });
    const cb = await fake.waitFor(callbackOf(i));
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const post = await fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${fake.world.dmChannelOf(user)}/messages` && visible(r.json).includes('Which editor?'));
    expect(post.status).toBe(200);
  });

  it('GIVEN a conversation the bot cannot see (Missing Access) THEN the poll falls back to the interaction response', async () => {
    const { fake } = rig;
    fake.failNext('POST', /^\/channels\/\d+\/messages$/, 403, { message: 'Missing Access', code: 50001 });
    const i = fake.slash(fake.world.user(8), 'poll Which linter? | Rust | Go', { dm: true });
    const cb = await fake.waitFor(callbackOf(i));
    expect(visible(cb.json.data)).toContain('Which linter?');
    const note = await fake.waitFor((r) => r.method === 'POST' && r.path === `/webhooks/${fake.world.applicationId}/${i.token}`);
    expect(visible(note.json)).toMatch(/stop updating after 15 minutes/);
  });
});
