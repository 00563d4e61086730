import type { Server } from 'node:http';
import { App, SocketModeReceiver, webApi, type Receiver, type RespondFn } from '@slack/bolt';
import type { SlackConfig } from '../../src/config.js';
import { BotError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import type { ChatAdapter, MessageHandler, Outbox } from '../../src/core/messages.js';
import { notInPrivateConversation } from '../../src/core/notices.js';
import { boltLogger } from './bolt-logger.js';
import { createDelivery, slackErrorCode } from './deliver.js';
import { screened } from './gate.js';
import { createHttpFetch } from './http-fetch.js';
import { SlackHttpReceiver } from './http-receiver.js';
import { guardSocketFrames } from './socket-guard.js';
import { unnamedUsers } from './markup.js';
import { renderReply } from './render.js';
import {
  actionIncoming,
  commandIncoming,
  commandPlace,
  eventIncoming,
  ignoredMessage,
  parseAction,
  parseCommand,
  parseMessageCallback,
  type ActionBody,
  type CommandBody,
  type MessageCallback,
} from './translate.js';
import { createUserCache } from './users.js';

export interface SlackAdapterDeps {
  handler: MessageHandler;
  logger: Logger;
  /** Served as `GET /healthz` (200 when ok, else 503) next to `/slack/events`, in HTTP mode only. */
  health?: () => Promise<{ ok: boolean; [k: string]: unknown }>;
  /** Interface the HTTP receiver listens on; all interfaces when unset (tests use 127.0.0.1). */
  host?: string;
}

export interface SlackAdapter extends ChatAdapter {
  readonly outbox: Outbox;
  /** The HTTP port actually listened on (useful with port 0), once started in HTTP mode. */
  port(): number | undefined;
  /** Resolves when the work started by deliveries so far has finished (tests await it instead of sleeping). */
  idle(): Promise<void>;
}

/** Who the bot is, from `auth.test` at start-up. */
interface Identity {
  userId: string;
  botId: string;
  name: string;
}

/**
 * RustGo on Slack for one workspace: slash commands, mentions, DMs and buttons go to the core;
 * its replies come back as Block Kit. HTTP mode (Bolt's `/slack/events`) or Socket Mode.
 */
export function createSlackAdapter(config: SlackConfig, deps: SlackAdapterDeps): SlackAdapter {
  const log = deps.logger.child({ adapter: 'slack' });
  const secrets = [config.botToken, config.signingSecret, config.appToken];
  const httpFetch = createHttpFetch();
  const clientOptions = { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), fetch: httpFetch };
  const client = new webApi.WebClient(config.botToken, {
    ...clientOptions,
    logger: boltLogger(log.child({ component: 'web-api' }), secrets),
    // Slack answers most errors with 200 {ok:false}, which is never retried; these are network faults and 5xx.
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
  });
  let identity: Identity = { userId: '', botId: '', name: 'RustGo' };
  const delivery = createDelivery(client, log, () => identity.name);
  const users = createUserCache(async (id) => {
    try {
      const res = await client.users.info({ user: id });
      const u = res.user;
      return u ? { name: u.name, realName: u.profile?.display_name || u.real_name, isAdmin: Boolean(u.is_admin || u.is_owner) } : undefined;
    } catch (err) {
      delivery.note(err, 'users.info');
      throw err;
    }
  });
  /** Users whose own DM with the bot is known, by DM channel id (bounded). */
  const ownDms = new Set<string>();
  let app: App | undefined;
  let server: Server | undefined;

  async function isOwnDm(channelId: string, userId: string): Promise<boolean> {
    if (ownDms.has(channelId)) return true;
    const res = await client.conversations.open({ users: userId }).catch((err: unknown) => {
      delivery.note(err, 'conversations.open');
      return undefined;
    });
    if (res?.channel?.id !== channelId) return false;
    if (ownDms.size >= 10_000) ownDms.clear();
    ownDms.add(channelId);
    return true;
  }

  /** Display names of the people a text mentions without a name, looked up only when there are any. */
  async function namesIn(text: string | undefined): Promise<Map<string, string>> {
    const ids = [...new Set(unnamedUsers(text ?? ''))].slice(0, 20);
    const found = await Promise.all(ids.map(async (id) => [id, (await users.get(id)).name] as const));
    return new Map(found);
  }

  const refuse = (respond: RespondFn) =>
    respond({ response_type: 'ephemeral', replace_original: false, ...renderReply(notInPrivateConversation(identity.name)) });

  async function onCommand(body: CommandBody, respond: RespondFn): Promise<void> {
    const place = commandPlace(body);
    if (place === 'group-direct-message') return void (await refuse(respond));
    const isDirect = place === 'direct-message';
    if (isDirect && !(await isOwnDm(body.channel_id, body.user_id))) return void (await refuse(respond));
    const sender = await users.get(body.user_id, body.user_name);
    const incoming = commandIncoming(body, sender, isDirect, identity.name, await namesIn(body.text));
    await deps.handler.handle(incoming, delivery.responder({ conversation: incoming.conversation, userId: body.user_id, respond }));
  }

  async function onMessage({ event, eventId, teamId }: MessageCallback): Promise<void> {
    if (ignoredMessage(event, identity.userId) || !event.user) return;
    const sender = await users.get(event.user);
    const incoming = eventIncoming(event, eventId, teamId, sender, identity.userId, identity.name, await namesIn(event.text));
    await deps.handler.handle(incoming, delivery.responder({ conversation: incoming.conversation, userId: sender.id }));
  }

  async function onAction(body: ActionBody, respond: RespondFn): Promise<void> {
    const sender = await users.get(body.user.id, body.user.name ?? body.user.username);
    const incoming = actionIncoming(body, sender);
    if (!incoming) return void log.info('ignored a button press without channel or team');
    const ts = body.message?.ts ?? body.container?.message_ts;
    const pressed = ts ? { ts, ephemeral: Boolean(body.container?.is_ephemeral) } : undefined;
    await deps.handler.handle(incoming, delivery.responder({ conversation: incoming.conversation, userId: sender.id, respond, pressed }));
  }

  const inFlight = new Set<Promise<void>>();
  /**
   * Runs work after the ack, on the next turn of the event loop, so the acks of requests that
   * arrived together are written before any of their (slower) handling starts. A failure is
   * logged, never thrown back into Bolt; stop() waits for what is still running.
   */
  function after(what: string, work: () => Promise<void>): void {
    const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((err: unknown) => log.error({ err, slackError: slackErrorCode(err) }, `failed to handle a Slack ${what}`))
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  }

  // Listeners read bodies through the same schemas the receiver gate checked them with (see `screened`).
  function register(bolt: App): void {
    bolt.command(/^\//, async ({ ack, body, respond }) => {
      // Ack before anything else: Slack's 3-second limit must hold even when the store is slow.
      await ack();
      const command = parseCommand(body);
      if (command.ok) after('command', () => onCommand(command.value, respond));
    });
    bolt.event('app_mention', async ({ body }) => {
      const mention = parseMessageCallback(body);
      if (mention.ok) after('mention', () => onMessage(mention.value));
    });
    bolt.event('message', async ({ body }) => {
      // Mentions arrive as app_mention; only the bot's own DM is read as plain messages.
      if ((body.event as { channel_type?: unknown }).channel_type !== 'im') return;
      const message = parseMessageCallback(body);
      if (message.ok) after('direct message', () => onMessage(message.value));
    });
    bolt.action({ type: 'block_actions' }, async ({ ack, body, respond }) => {
      await ack();
      const action = parseAction(body);
      if (action.ok) after('button', () => onAction(action.value, respond));
    });
    bolt.error(async (err) => {
      log.error({ err: err.message, code: err.code }, 'Bolt reported an error');
    });
  }

  function receiver(logger: ReturnType<typeof boltLogger>): Receiver {
    if (config.mode === 'socket') {
      if (!config.appToken) throw new BotError('config_invalid', 'SLACK_APP_TOKEN: Socket Mode needs an app-level token (xapp-…)');
      const socket = new SocketModeReceiver({
        appToken: config.appToken,
        logger,
        // No HTTP server in Socket Mode: the composition root serves /healthz on PORT itself.
        installerOptions: { clientOptions: config.apiUrl ? { slackApiUrl: config.apiUrl } : {} },
      });
      guardSocketFrames(socket, log);
      return socket;
    }
    if (!config.signingSecret) throw new BotError('config_invalid', 'SLACK_SIGNING_SECRET: HTTP mode needs the app’s signing secret');
    const health = deps.health;
    const report = health && (async () => ({ ...(await health()), slack: app ? 'running' : 'stopped' }));
    return new SlackHttpReceiver({ signingSecret: config.signingSecret, log, boltLogger: logger, health: report });
  }

  async function authenticate(): Promise<Identity> {
    try {
      const res = await client.auth.test();
      return { userId: res.user_id ?? '', botId: res.bot_id ?? '', name: res.user ?? 'RustGo' };
    } catch (cause) {
      const code = slackErrorCode(cause) ?? (cause instanceof Error ? cause.message : String(cause));
      throw new BotError(
        'slack_auth_failed',
        `SLACK_BOT_TOKEN: Slack rejected the bot token (${code}). Copy the "Bot User OAuth Token" (xoxb-…) from the app's OAuth & Permissions page, and reinstall the app if it was revoked.`,
        { cause },
      );
    }
  }

  const outbox: Outbox = {
    platform: 'slack',
    post: (conversation, reply) => delivery.post(conversation, reply),
    update: (handle, reply) => delivery.update(handle, reply),
  };

  return {
    platform: 'slack',
    outbox,
    port: () => {
      const address = server?.address();
      return address && typeof address === 'object' ? address.port : undefined;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async start() {
      if (app) return;
      identity = await authenticate();
      const logger = boltLogger(log.child({ component: 'bolt' }), secrets);
      const bolt = new App({
        receiver: screened(receiver(logger), log),
        token: config.botToken,
        botId: identity.botId,
        botUserId: identity.userId,
        // auth.test already ran above; Bolt need not repeat it.
        tokenVerificationEnabled: false,
        convoStore: false,
        logger,
        // Bolt posts to response_url with this fetch too.
        clientOptions,
      });
      register(bolt);
      const started = await bolt.start(deps.host ? { port: config.port, host: deps.host } : config.port);
      server = config.mode === 'http' ? (started as Server) : undefined;
      app = bolt;
      log.info({ mode: config.mode, bot: identity.name, port: config.mode === 'http' ? this.port() : undefined }, 'Slack adapter started');
    },
    async stop() {
      const bolt = app;
      app = undefined;
      server = undefined;
      await bolt?.stop();
      // Let replies already being worked on finish (bounded: Slack's response_url lasts 30 min, we don't).
      const drained = Promise.allSettled([...inFlight]);
      await Promise.race([drained, new Promise((r) => setTimeout(r, 5_000).unref())]);
    },
  };
}
