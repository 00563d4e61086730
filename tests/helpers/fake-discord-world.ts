import type { GatewaySession } from './fake-discord-gateway.js';
import type { RecordedRequest } from './fake-discord.js';

const DISCORD_EPOCH = 1_420_070_400_000n;
let counter = 0n;

/** A fresh, increasing snowflake, as Discord makes them. */
export function snowflake(): string {
  counter = (counter + 1n) % 4096n;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | counter);
}

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly global_name: string;
  readonly discriminator: '0';
  readonly bot?: boolean;
  /** Holds the guild's Administrator role. */
  readonly admin?: boolean;
}

type Reply = { status: number; body?: unknown };

/** Discord's interaction tokens (callback, follow-ups, webhook edits) last 15 minutes. */
export const INTERACTION_TOKEN_MS = 15 * 60_000;

/** The fake's own clock: real time plus however far a test has moved it. The client never sees it. */
export class WorldClock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const invalidToken: Reply = { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } };
const unknownInteraction: Reply = { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
/** Discord does not support editing an interaction's messages through the channel (discord-api-docs#6253). */
const notThroughChannel: Reply = { status: 403, body: { message: 'Cannot edit a message authored by another user', code: 50005 } };

interface InteractionRecord {
  id: string;
  channelId: string;
  user: FakeUser;
  createdAt: number;
  original?: string;
  component?: string;
}
type Route = [string, RegExp, (req: RecordedRequest, m: RegExpMatchArray) => Reply];

/** All permissions but Administrator/ManageGuild for @everyone: view, send, embed, attach, history… */
const EVERYONE_PERMISSIONS = '377957125184';

/**
 * The fake's one guild and what lives in it: a text channel (`general`), a second one (`random`),
 * a thread under `general`, users, the messages the bot posted, interactions' tokens.
 */
export class World implements GatewaySession {
  readonly token = 'fake-bot-token.NOT.A.SECRET';
  readonly applicationId = snowflake();
  readonly bot: FakeUser = { id: this.applicationId, username: 'RustGo', global_name: 'RustGo', discriminator: '0', bot: true };
  readonly guildId = snowflake();
  readonly ownerId = snowflake();
  readonly adminRoleId = snowflake();
  readonly channelId = snowflake();
  readonly otherChannelId = snowflake();
  readonly threadId = snowflake();
  readonly messages = new Map<string, Record<string, any>>();
  /** Interaction token → the channel and the message its response lives in. */
  readonly interactions = new Map<string, InteractionRecord>();
  /** Decides when interaction tokens expire; tests move it forward instead of waiting. */
  readonly clock = new WorldClock();
  private readonly dmChannels = new Map<string, string>();

  user(n: number | string, opts: { admin?: boolean; bot?: boolean } = {}): FakeUser {
    const id = String(100_000_000_000_000_000n + BigInt(typeof n === 'number' ? n : [...n].reduce((a, c) => a * 31 + c.charCodeAt(0), 7) % 1e9));
    return { id, username: `user${n}`, global_name: `User ${n}`, discriminator: '0', ...opts };
  }

  dmChannelOf(user: FakeUser): string {
    let id = this.dmChannels.get(user.id);
    if (!id) {
      id = snowflake();
      this.dmChannels.set(user.id, id);
    }
    return id;
  }

  ready(): Record<string, unknown> {
    return {
      v: 10,
      user: this.bot,
      guilds: [{ id: this.guildId, unavailable: true }],
      application: { id: this.applicationId, flags: 0 },
      shard: [0, 1],
      private_channels: [],
    };
  }

  afterReady(): Array<{ t: string; d: unknown }> {
    const channel = (id: string, name: string, position: number) => ({
      id, type: 0, name, position, guild_id: this.guildId, permission_overwrites: [], nsfw: false, parent_id: null,
    });
    return [
      {
        t: 'GUILD_CREATE',
        d: {
          id: this.guildId, name: 'Backend Guild', owner_id: this.ownerId, unavailable: false, large: false,
          member_count: 2, joined_at: new Date().toISOString(), features: [], emojis: [], stickers: [],
          voice_states: [], presences: [], stage_instances: [], guild_scheduled_events: [],
          roles: [
            { id: this.guildId, name: '@everyone', permissions: EVERYONE_PERMISSIONS, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
            { id: this.adminRoleId, name: 'Admin', permissions: '8', position: 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
          ],
          channels: [channel(this.channelId, 'general', 0), channel(this.otherChannelId, 'random', 1)],
          threads: [{
            id: this.threadId, type: 11, name: 'rust-vs-go', guild_id: this.guildId, parent_id: this.channelId,
            owner_id: this.ownerId, member_count: 1, message_count: 0,
            thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
          }],
          members: [{ user: this.bot, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 }],
        },
      },
    ];
  }

  member(user: FakeUser): Record<string, unknown> {
    return { roles: user.admin ? [this.adminRoleId] : [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, nick: null };
  }

  /** A MESSAGE_CREATE payload from `user`; mentions the bot unless told not to. */
  message(user: FakeUser, content: string, opts: { channelId?: string; dm?: boolean; mentionBot?: boolean; mentions?: FakeUser[] } = {}): Record<string, unknown> {
    const mention = opts.mentionBot ?? !opts.dm;
    return {
      id: snowflake(),
      channel_id: opts.dm ? this.dmChannelOf(user) : (opts.channelId ?? this.channelId),
      // Discord sends the channel type so that clients can build an uncached DM channel.
      channel_type: opts.dm ? 1 : opts.channelId === this.threadId ? 11 : 0,
      ...(opts.dm ? {} : { guild_id: this.guildId, member: this.member(user) }),
      author: user,
      content: mention ? `<@${this.bot.id}> ${content}` : content,
      timestamp: new Date().toISOString(), edited_timestamp: null, tts: false,
      mention_everyone: false, mentions: [...(mention ? [this.bot] : []), ...(opts.mentions ?? [])], mention_roles: [],
      attachments: [], embeds: [], pinned: false, type: 0, flags: 0,
    };
  }

  /** An INTERACTION_CREATE payload: the slash command when `data` has a name, else a button press. */
  interaction(user: FakeUser, data: Record<string, unknown>, opts: { channelId?: string; dm?: boolean; message?: Record<string, any> } = {}): Record<string, any> {
    const id = snowflake();
    const token = `itoken-${id}`;
    const channelId = opts.dm ? this.dmChannelOf(user) : (opts.channelId ?? this.channelId);
    this.interactions.set(token, { id, channelId, user, createdAt: this.clock.now(), component: opts.message?.id });
    const isThread = channelId === this.threadId;
    const channel = opts.dm
      ? { id: channelId, type: 1, recipients: [user] }
      : { id: channelId, type: isThread ? 11 : 0, guild_id: this.guildId, name: 'general', ...(isThread ? { parent_id: this.channelId } : {}) };
    return {
      id, token, application_id: this.applicationId, version: 1, locale: 'en-US',
      type: 'custom_id' in data ? 3 : 2,
      data,
      channel_id: channelId,
      channel,
      app_permissions: EVERYONE_PERMISSIONS,
      entitlements: [],
      authorizing_integration_owners: { 0: this.guildId },
      context: opts.dm ? 1 : 0,
      ...(opts.dm
        ? { user }
        : { guild_id: this.guildId, guild_locale: 'en-US', member: { ...this.member(user), user, permissions: user.admin ? '8' : EVERYONE_PERMISSIONS } }),
      ...(opts.message ? { message: opts.message } : {}),
    };
  }

  /** Discord's message object for something the bot posted (or an interaction answered). */
  postedMessage(channelId: string, body: Record<string, any> | undefined, files: readonly { name: string }[], extra: Record<string, unknown> = {}): Record<string, any> {
    const id = snowflake();
    const message = {
      id, channel_id: channelId, author: this.bot,
      content: body?.content ?? '', embeds: body?.embeds ?? [], components: body?.components ?? [],
      attachments: files.map((f, i) => ({ id: String(i), filename: f.name, size: 1, url: `https://cdn.invalid/${f.name}`, proxy_url: `https://cdn.invalid/${f.name}` })),
      timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false,
      mentions: [], mention_roles: [], pinned: false, type: body?.message_reference ? 19 : 0,
      flags: body?.flags ?? 0,
      ...(body?.message_reference ? { message_reference: body.message_reference } : {}),
      ...(channelId === this.threadId || channelId === this.channelId || channelId === this.otherChannelId ? { guild_id: this.guildId } : {}),
      ...extra,
    };
    this.messages.set(id, message);
    return message;
  }

  private edit(id: string, body: Record<string, any> | undefined, files: readonly { name: string }[]): Reply {
    const old = this.messages.get(id);
    if (!old) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    const next: Record<string, any> = { ...old, ...body, edited_timestamp: new Date().toISOString() };
    if (files.length > 0) next.attachments = this.postedMessage(old.channel_id, body, files).attachments;
    this.messages.set(id, next);
    return { status: 200, body: next };
  }

  /** The interaction whose token this is, while the token is still valid on the fake's clock. */
  private liveInteraction(token: string): InteractionRecord | undefined {
    const i = this.interactions.get(token);
    return i && this.clock.now() - i.createdAt < INTERACTION_TOKEN_MS ? i : undefined;
  }

  /** Only the interaction webhook may edit an interaction's messages; the channel endpoint may not. */
  private channelEdit(id: string, body: Record<string, any> | undefined, files: readonly { name: string }[]): Reply {
    if (this.messages.get(id)?.webhook_id) return notThroughChannel;
    return this.edit(id, body, files);
  }

  /** Routes under `/webhooks/{app}/{token}`: refused once the token has expired. */
  private webhook(token: string, route: (i: InteractionRecord) => Reply): Reply {
    const i = this.liveInteraction(token);
    return i ? route(i) : invalidToken;
  }

  routes(gatewayUrl: () => string): Route[] {
    const ok = (body: unknown): Reply => ({ status: 200, body });
    const callback = (r: RecordedRequest, m: RegExpMatchArray): Reply => {
      const i = this.liveInteraction(m[2]!);
      if (!i) return unknownInteraction;
      const { type, data } = r.json as { type: number; data?: Record<string, any> };
      let message: Record<string, any> | undefined;
      if (type === 4 || type === 5) {
        message = this.postedMessage(i.channelId, type === 4 ? data : { flags: data?.flags }, r.files, { webhook_id: this.applicationId, interaction_metadata: { id: i.id, type: 2, user: i.user, authorizing_integration_owners: {} } });
        i.original = message.id;
      } else if (type === 7 && i.component) {
        message = this.edit(i.component, data, r.files).body as Record<string, any>;
      }
      if (r.query.with_response !== 'true') return { status: 204 };
      return ok({ interaction: { id: i.id, type: 2, response_message_id: message?.id }, resource: { type, ...(message ? { message } : {}) } });
    };
    const original = (i: InteractionRecord, which: string): string =>
      (which === '@original' ? (i.original ?? i.component) : which) ?? '';
    return [
      ['GET', /^\/gateway\/bot$/, () => ok({ url: gatewayUrl(), shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } })],
      ['POST', /^\/channels\/(\d+)\/messages$/, (r, m) => ok(this.postedMessage(m[1]!, r.json, r.files))],
      ['PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/, (r, m) => this.channelEdit(m[2]!, r.json, r.files)],
      ['GET', /^\/channels\/(\d+)$/, (_r, m) => {
        const dm = [...this.dmChannels].find(([, c]) => c === m[1]);
        return dm ? ok({ id: m[1], type: 1, recipients: [this.user(0)] }) : { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
      }],
      ['POST', /^\/users\/@me\/channels$/, (r) => ok({ id: this.dmChannelOf({ id: (r.json as { recipient_id: string }).recipient_id } as FakeUser), type: 1, recipients: [] })],
      ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, callback],
      ['PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, (r, m) => this.webhook(m[2]!, (i) => this.edit(original(i, m[3]!), r.json, r.files))],
      ['GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, (_r, m) => this.webhook(m[2]!, (i) => {
        const msg = this.messages.get(original(i, m[3]!));
        return msg ? ok(msg) : { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      })],
      ['DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, (_r, m) => this.webhook(m[2]!, (i) => {
        this.messages.delete(original(i, m[3]!));
        return { status: 204 };
      })],
      ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, (r, m) =>
        this.webhook(m[2]!, (i) => ok(this.postedMessage(i.channelId, r.json, r.files, { webhook_id: this.applicationId })))],
      ['PUT', /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/, (r, m) =>
        ok((r.json as Array<Record<string, unknown>>).map((c) => ({ ...c, id: snowflake(), application_id: m[1], version: snowflake(), ...(m[2] ? { guild_id: m[2] } : {}) })))],
    ];
  }
}
