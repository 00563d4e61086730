import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, killAllBots } from '../helpers/bot-process.js';
import { FakeDiscord, type RecordedRequest } from '../helpers/fake-discord.js';

/**
 * Malformed deliveries through the fake gateway to the built app: broken dispatches (null `d`,
 * missing and mistyped fields, a megabyte of text, types Discord never sent) and interactions the
 * bot cannot use. Afterwards the process still runs, /healthz reports Discord running, and a real
 * mention and a real `/rustgo` are answered.
 */

const MB = 'x'.repeat(1 << 20);

let discord: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await BotProcess.start({ name: 'discord-malformed', env: { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'info' } });
});
afterAll(async () => {
  await killAllBots();
  await discord?.close();
});

function brokenDispatches(): Array<[string, unknown]> {
  const w = discord.world;
  const user = w.user(1);
  const message = w.message(user, 'help');
  const mentioned = (extra: Record<string, unknown>) => ({ ...message, id: String(BigInt(message.id as string) + 1n), ...extra });
  return [
    ['MESSAGE_CREATE', null],
    ['MESSAGE_CREATE', {}],
    ['MESSAGE_CREATE', 'not an object'],
    ['MESSAGE_CREATE', [1, 2, 3]],
    ['MESSAGE_CREATE', { id: 5, channel_id: [], author: 'someone', content: {} }],
    ['MESSAGE_CREATE', mentioned({ author: null })],
    ['MESSAGE_CREATE', mentioned({ content: 42, mentions: 'all' })],
    ['MESSAGE_CREATE', mentioned({ id: String(BigInt(message.id as string) + 2n), content: `<@${w.bot.id}> ${MB}` })],
    ['INTERACTION_CREATE', null],
    ['INTERACTION_CREATE', {}],
    ['INTERACTION_CREATE', { id: '1', type: 'button', data: null }],
    ['INTERACTION_CREATE', { ...w.interaction(user, { id: '1', name: 'rustgo', type: 1, options: [] }), data: null }],
    ['INTERACTION_CREATE', { ...w.interaction(user, { id: '1', name: 'rustgo', type: 1, options: [{ name: 'text', type: 3, value: { x: 1 } }] }) }],
    ['INTERACTION_CREATE', { ...w.interaction(user, { id: '1', name: 'rustgo', type: 1 }), type: 99 }],
    ['INTERACTION_CREATE', { ...w.interaction(user, { custom_id: 'poll.vote|x' }), member: 'nobody', user: null }],
    ['UNKNOWN_EVENT_FROM_THE_FUTURE', { anything: MB }],
    ['GUILD_MEMBER_UPDATE', null],
    ['CHANNEL_UPDATE', { id: 7 }],
    ['MESSAGE_UPDATE', { id: null }],
    ['MESSAGE_DELETE', 12],
  ];
}

/** Interactions well formed as envelopes that carry buttons the bot cannot use. */
function unusableInteractions(): Array<Record<string, any>> {
  const w = discord.world;
  const user = w.user(2);
  const pressed = { id: '1', channel_id: w.channelId, guild_id: w.guildId, author: w.bot, content: '', timestamp: new Date().toISOString(), embeds: [], attachments: [], mentions: [], mention_roles: [], type: 0, components: [] };
  const button = (data: Record<string, unknown>) => w.interaction(user, { component_type: 2, ...data }, { message: pressed });
  return [
    button({ custom_id: 'no-separator' }),
    button({ custom_id: `poll.vote|${'9'.repeat(400)}` }),
    button({ custom_id: '|starts-with-separator' }),
    button({ custom_id: 'poll.vote|abc', component_type: 99 }),
    w.interaction(user, { custom_id: 'demo.pick|x', component_type: 3, values: ['a'] }, { message: pressed }),
    { ...w.interaction(user, { custom_id: 'modal|x', components: [] }), type: 5 },
    { ...w.interaction(user, { id: '1', name: 'rustgo', type: 1, options: [] }), type: 4 },
  ];
}

describe('malformed Discord deliveries to the built app', () => {
  it('GIVEN broken dispatches and unusable interactions THEN the process keeps running, /healthz says Discord runs, and real requests are answered', async () => {
    for (const [t, d] of brokenDispatches()) discord.gateway.dispatch(t, d);
    const unusable = unusableInteractions();
    for (const d of unusable) discord.gateway.dispatch('INTERACTION_CREATE', d);

    const user = discord.world.user(3);
    const mention = discord.say(user, 'help');
    const slash = discord.slash(user, 'help');
    const answered = Promise.all([
      discord.waitFor((r: RecordedRequest) => r.json?.message_reference?.message_id === mention.id, 15_000),
      discord.waitFor((r: RecordedRequest) => r.path === `/interactions/${slash.id}/${slash.token}/callback`, 15_000),
    ]);
    const outcome = await Promise.race([answered.then(() => 'answered'), bot.exited.then((e) => `exited ${JSON.stringify(e)}\n${bot.tail()}`)]);
    expect(outcome).toBe('answered');
    const health = await bot.healthz();
    expect(health.status).toBe(200);
    expect(health.body.adapters).toMatchObject({ discord: 'running' });
    // Buttons and menus the bot cannot read get a short private answer rather than silence.
    for (const d of unusable.filter((x) => x.type === 3 && x.data.component_type !== 99)) {
      const cb = await discord.waitFor((r) => r.path === `/interactions/${d.id}/${d.token}/callback`);
      expect(cb.json.data.flags & 64).toBe(64);
    }
    expect(bot.logLines().some((l) => l.msg === 'dropped a malformed Discord gateway dispatch')).toBe(true);
  });
});
