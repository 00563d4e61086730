import { startDiscordRig } from '../helpers/fake-discord-bot.js';
import type { FakeDiscord, FakeUser, RecordedRequest } from '../helpers/fake-discord.js';
import { FENCE, RecordingHandler, type ContractHarness, type Observed, type Place, type Where } from './harness.js';

/** Discord's documented limits (characters), checked on everything the bot sends. */
const DISCORD_LIMITS = {
  content: 2_000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFooter: 2_048,
  embedTotal: 6_000,
  rows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
} as const;

const EPHEMERAL = 64;

type Json = Record<string, any>;

/** What would notify someone: mention syntax in `content` that allowed_mentions lets through. */
function pingsOf(body: Json): string[] {
  const content = String(body.content ?? '');
  const allowed = body.allowed_mentions as { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean } | undefined;
  const parse = allowed ? (allowed.parse ?? []) : ['everyone', 'users', 'roles'];
  const out: string[] = [];
  for (const m of content.matchAll(/@(everyone|here)|<@!?(\d+)>|<@&(\d+)>/g)) {
    if (m[1] && parse.includes('everyone')) out.push(m[0]);
    if (m[2] && (parse.includes('users') || allowed?.users?.includes(m[2]))) out.push(m[0]);
    if (m[3] && (parse.includes('roles') || allowed?.roles?.includes(m[3]))) out.push(m[0]);
  }
  // A reply pings the author it answers unless replied_user is false (the default when omitted is to ping).
  if (body.message_reference && (allowed === undefined || allowed.replied_user !== false)) out.push('replied user');
  return out;
}

function violations(body: Json): string[] {
  const found: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || found.push(what));
  const embeds = (body.embeds ?? []) as Json[];
  check(String(body.content ?? '').length <= DISCORD_LIMITS.content, 'content over 2,000');
  check(embeds.length <= DISCORD_LIMITS.embeds, 'more than 10 embeds');
  let total = 0;
  for (const e of embeds) {
    const title = String(e.title ?? '');
    const description = String(e.description ?? '');
    const footer = String(e.footer?.text ?? '');
    check(title.length <= DISCORD_LIMITS.embedTitle, 'embed title');
    check(description.length <= DISCORD_LIMITS.embedDescription, 'embed description');
    check(footer.length <= DISCORD_LIMITS.embedFooter, 'embed footer');
    total += title.length + description.length + footer.length;
  }
  check(total <= DISCORD_LIMITS.embedTotal, `embeds total ${total}`);
  const rows = (body.components ?? []) as Json[];
  check(rows.length <= DISCORD_LIMITS.rows, 'more than 5 rows');
  const ids = rows.flatMap((r) => (r.components as Json[]).map((c) => String(c.custom_id)));
  check(new Set(ids).size === ids.length, 'repeated custom_id');
  for (const r of rows) check((r.components as Json[]).length <= DISCORD_LIMITS.buttonsPerRow, 'more than 5 buttons in a row');
  for (const c of rows.flatMap((r) => r.components as Json[])) {
    check(String(c.custom_id).length <= DISCORD_LIMITS.customId, 'custom_id over 100');
    check(String(c.label ?? '').length <= DISCORD_LIMITS.buttonLabel, 'label over 80');
  }
  return found;
}

function textOf(body: Json): string {
  const embeds = ((body.embeds ?? []) as Json[]).flatMap((e) => [e.title, e.description, e.footer?.text]);
  return [body.content, ...embeds].filter((t): t is string => typeof t === 'string' && t !== '').join('\n');
}

/** The real Discord adapter (a real discord.js Client) against the fake gateway and REST API. */
export async function discordContractHarness(): Promise<ContractHarness> {
  const handler = new RecordingHandler();
  const rig = await startDiscordRig(handler);
  const fake: FakeDiscord = rig.fake;
  const world = fake.world;
  const people = { 1: world.user(1), 2: world.user(2) } as const;
  const otherBot = world.user(99, { bot: true });
  let fences = 0;

  // Which message each REST call created, by the index the fake gives that call: the fake's
  // records hold requests, not answers, so the harness listens where the fake makes messages.
  const created = new Map<number, Json>();
  const makeMessage = world.postedMessage.bind(world);
  world.postedMessage = (...args: Parameters<typeof makeMessage>) => {
    const m = makeMessage(...args);
    if (!created.has(fake.requests.length)) created.set(fake.requests.length, m);
    return m;
  };

  function whereOf(channelId: string): Where {
    if (channelId === world.threadId) return { workspaceId: world.guildId, channelId: world.channelId, threadId: world.threadId, isDirect: false };
    if (channelId === world.channelId || channelId === world.otherChannelId) return { workspaceId: world.guildId, channelId, isDirect: false };
    return { workspaceId: '@dm', channelId, isDirect: true };
  }

  const channelFor = (place: Place, who: FakeUser) => (place === 'thread' ? world.threadId : place === 'direct' ? world.dmChannelOf(who) : world.channelId);

  function observe(r: RecordedRequest, index: number): Observed | undefined {
    const base = (body: Json, where: Where, extra: Partial<Observed>): Observed => ({
      where,
      ephemeral: ((body.flags ?? 0) & EPHEMERAL) === EPHEMERAL,
      text: textOf(body),
      buttons: ((body.components ?? []) as Json[]).flatMap((row) => (row.components as Json[]).map((c) => String(c.label))),
      files: r.files.map((f) => ({ name: f.name, content: f.text })),
      pings: pingsOf(body),
      violations: violations(body),
      ...extra,
    });
    let m: RegExpMatchArray | null;
    if (r.method === 'POST' && (m = r.path.match(/^\/channels\/(\d+)\/messages$/))) {
      return base(r.json, whereOf(m[1]!), { messageId: created.get(index)?.id });
    }
    if (r.method === 'PATCH' && (m = r.path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/))) {
      return base(r.json, whereOf(m[1]!), { messageId: m[2], edits: m[2] });
    }
    const token = r.path.match(/^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/)?.[1];
    const interaction = token ? world.interactions.get(token) : undefined;
    if (!interaction) return undefined;
    const where = whereOf(interaction.channelId);
    if (r.method === 'POST' && r.path.endsWith('/callback')) {
      const { type, data } = r.json as { type: number; data?: Json };
      if (type === 4) return base(data ?? {}, where, { messageId: created.get(index)?.id });
      if (type === 7) return base(data ?? {}, where, { messageId: interaction.component, edits: interaction.component });
      return undefined; // 5 and 6 are deferrals: nothing to see yet
    }
    if (r.method === 'POST') return base(r.json, where, { messageId: created.get(index)?.id });
    if (r.method === 'PATCH') {
      const which = r.path.split('/').at(-1);
      const id = which === '@original' ? (interaction.original ?? interaction.component) : which;
      return base(r.json, where, { messageId: id, edits: id });
    }
    return undefined;
  }

  return {
    handler,
    outbox: rig.adapter.outbox,
    pingText: '@everyone @here <@123456789012345678> <@&223456789012345678>',
    capabilities: {
      messagePlaces: ['channel', 'thread', 'direct'],
      commandPlaces: ['channel', 'thread', 'direct'],
      foreignAuthors: true,
      redelivery: true,
      ephemeralMessageReplies: { unsupported: 'Discord has ephemeral messages only as interaction responses; a reply to a mention is a normal reply' },
      editsInPlace: true,
      workspaces: true,
    },
    async deliver({ text, place, via, person = 1 }) {
      const who = people[person];
      const channelId = channelFor(place, who);
      const payload =
        via === 'command'
          ? fake.slash(who, text, place === 'direct' ? { dm: true } : { channelId })
          : place === 'direct'
            ? fake.dm(who, text)
            : fake.say(who, text, { channelId });
      const t = via === 'command' ? 'INTERACTION_CREATE' : 'MESSAGE_CREATE';
      return { where: whereOf(channelId), redeliver: async () => void fake.gateway.dispatch(t, payload) };
    },
    async deliverFromBot(author, text, place) {
      const who = author === 'self' ? world.bot : otherBot;
      const d = world.message(who, text, place === 'direct' ? { dm: true } : { channelId: channelFor(place, who) });
      // A message in a DM is addressed to the bot whether or not it mentions it.
      fake.gateway.dispatch('MESSAGE_CREATE', place === 'direct' ? d : { ...d, mentions: [world.bot], content: `<@${world.bot.id}> ${text}` });
    },
    async press(observed, label, person = 1) {
      const message = observed.messageId ? world.messages.get(observed.messageId) : undefined;
      const button = ((message?.components ?? []) as Json[]).flatMap((row) => row.components as Json[]).find((c) => c.label === label);
      if (!message || !button) throw new Error(`no button "${label}" on a Discord message the bot posted`);
      const payload = fake.press(people[person], String(button.custom_id), message);
      return { where: whereOf(String(message.channel_id)), redeliver: async () => void fake.gateway.dispatch('INTERACTION_CREATE', payload) };
    },
    watch() {
      const from = fake.requests.length;
      return () => fake.requests.flatMap((r, i) => (i < from ? [] : (observe(r, i) ?? [])));
    },
    async idle() {
      // The gateway is one ordered socket: once a barrier message sent now reaches the handler, the
      // client has received (and the adapter is tracking) everything dispatched before it.
      const text = `${FENCE}${++fences}`;
      const arrived = handler.fence(text);
      fake.say(people[1], text, { channelId: world.channelId });
      await arrived;
      await rig.adapter.idle();
    },
    close: () => rig.close(),
  };
}
