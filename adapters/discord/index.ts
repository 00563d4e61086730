import {
  Client,
  GatewayCloseCodes,
  GatewayIntentBits,
  Partials,
  type Interaction,
  type Message,
} from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import { BotError } from '../../src/errors.js';
import type { AdapterState } from '../../src/health.js';
import type { Logger } from '../../src/logger.js';
import type {
  ChatAdapter,
  Incoming,
  MessageHandle,
  MessageHandler,
  Outbox,
  Reply,
  Responder,
} from '../../src/core/messages.js';
import { somethingWentWrong } from '../../src/core/notices.js';
import { discordHttpAgent } from './http-agent.js';
import { DEFAULT_DEFER_AFTER_MS, interactionReplies } from './interaction.js';
import { PermissionNotes, isPermissionError } from './permissions.js';
import { RecentIds } from './recent-ids.js';
import { optionsFor } from './options.js';
import { NO_PINGS } from './render.js';
import { startupError } from './startup.js';
import { fromButton, fromMessage, fromSlashCommand, type BotIdentity } from './translate.js';

export interface DiscordAdapterDeps {
  readonly handler: MessageHandler;
  readonly logger: Logger;
  /** How long an interaction may wait for its first reply before the adapter defers it; 1,500 ms by default. */
  readonly deferAfterMs?: number | undefined;
  /**
   * Told when the gateway connection changes after start: `failed` when Discord closed it for good
   * (token revoked, intents withdrawn), `running` when it is back. For /healthz.
   */
  readonly onState?: ((state: AdapterState) => void) | undefined;
}

export type DiscordAdapter = ChatAdapter & { readonly outbox: Outbox };

/**
 * Intents: guilds (channel cache, permissions), guild messages (mentions of the bot) and direct
 * messages. Not the privileged message-content intent: Discord sends the content of messages that
 * mention the bot, and of DMs, without it.
 */
export const DISCORD_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
] as const;

export function createDiscordAdapter(config: DiscordConfig, deps: DiscordAdapterDeps): DiscordAdapter {
  const logger = deps.logger.child({ adapter: 'discord' });
  const notes = new PermissionNotes(logger);
  const seen = new RecentIds();
  let client: Client | undefined;
  let bot: BotIdentity = { id: '', name: 'RustGo' };

  const live = (): Client => {
    if (!client) throw new BotError('discord_not_started', 'the Discord adapter is not started');
    return client;
  };

  function messageResponder(message: Message, incoming: Incoming): Responder {
    return {
      async send(reply: Reply): Promise<MessageHandle | undefined> {
        try {
          // A reply to a mention cannot be ephemeral; it is sent as a normal (short) reply.
          const sent = await message.reply(optionsFor(reply, logger));
          notes.succeeded(message.channelId);
          return { conversation: incoming.conversation, messageId: sent.id };
        } catch (err) {
          if (!isPermissionError(err)) throw err;
          const channel = message.channel.isSendable() ? message.channel : undefined;
          await notes.refusedIn(message.channelId, err, channel, message.author);
          return undefined;
        }
      },
    };
  }

  async function run(incoming: Incoming, responder: Responder): Promise<void> {
    try {
      await deps.handler.handle(incoming, responder);
    } catch (err) {
      logger.error({ err, eventId: incoming.eventId }, 'the core failed on a Discord event');
      await responder.send(somethingWentWrong()).catch(() => undefined);
    }
  }

  async function onMessage(message: Message): Promise<void> {
    const incoming = fromMessage(message, bot);
    if (!incoming || !seen.firstTime(incoming.eventId)) return;
    await run(incoming, messageResponder(message, incoming));
  }

  async function onInteraction(i: Interaction): Promise<void> {
    const incoming = i.isChatInputCommand() ? fromSlashCommand(i) : i.isButton() ? fromButton(i) : undefined;
    if (!incoming || (!i.isChatInputCommand() && !i.isButton())) return;
    if (!seen.firstTime(incoming.eventId)) return;
    const replies = interactionReplies(i, incoming.conversation, logger, deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS);
    await run(incoming, replies.responder);
    await replies.finish();
  }

  const outbox: Outbox = {
    platform: 'discord',
    async post(conversation, reply) {
      const channelId = conversation.threadId ?? conversation.channelId;
      const channel = await live().channels.fetch(channelId);
      if (!channel?.isSendable()) return undefined;
      try {
        const sent = await channel.send(optionsFor(reply, logger));
        notes.succeeded(channelId);
        return { conversation, messageId: sent.id };
      } catch (err) {
        if (!isPermissionError(err)) throw err;
        await notes.refusedIn(channelId, err, channel);
        return undefined;
      }
    },
    async update(message, reply) {
      const c = message.conversation;
      const channel = await live().channels.fetch(c.threadId ?? c.channelId);
      if (!channel?.isTextBased()) return;
      await channel.messages.edit(message.messageId, optionsFor(reply, logger, true));
    },
  };

  return {
    platform: 'discord',
    outbox,
    async start() {
      const c = new Client({
        intents: [...DISCORD_INTENTS],
        partials: [Partials.Channel],
        allowedMentions: NO_PINGS,
        failIfNotExists: false,
        rest: { agent: discordHttpAgent(), ...(config.apiUrl ? { api: config.apiUrl } : {}) },
      });
      let closeCode: number | undefined;
      let started = false;
      c.on('shardDisconnect', (event) => {
        closeCode = event.code;
        logger.error({ code: event.code, name: GatewayCloseCodes[event.code] }, 'discord gateway closed for good');
        if (started) deps.onState?.('failed');
      });
      c.on('shardReady', () => started && deps.onState?.('running'));
      c.on('shardError', (err) => logger.warn({ err }, 'discord gateway error'));
      c.on('shardResume', (_id, replayed) => {
        logger.info({ replayed }, 'discord gateway resumed');
        if (started) deps.onState?.('running');
      });
      c.on('warn', (message) => logger.warn(message));
      c.on('error', (err) => logger.error({ err }, 'discord client error'));
      c.on('messageCreate', (m) => void onMessage(m).catch((err) => logger.error({ err }, 'discord message failed')));
      c.on('interactionCreate', (i) => void onInteraction(i).catch((err) => logger.error({ err }, 'discord interaction failed')));
      const ready = new Promise<void>((resolve) =>
        c.once('clientReady', (me) => {
          bot = { id: me.user.id, name: me.user.username };
          resolve();
        }),
      );
      client = c;
      try {
        await c.login(config.token);
        await ready;
        started = true;
      } catch (err) {
        client = undefined;
        await c.destroy().catch(() => undefined);
        throw startupError(err, closeCode);
      }
      logger.info({ user: bot.name, guilds: c.guilds.cache.size }, 'discord adapter ready');
    },
    async stop() {
      const c = client;
      client = undefined;
      await c?.destroy();
    },
  };
}
