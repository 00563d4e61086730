import type { Server } from 'node:http';
import { App, webApi } from '@slack/bolt';
import type { SlackConfig } from '../../src/config.js';
import type { HealthBody } from '../../src/healthz.js';
import type { Logger } from '../../src/logger.js';
import type { ChatAdapter, Conversation, MessageHandler, Outbox } from '../../src/core/messages.js';
import { boltLogger } from './bolt-logger.js';
import { createDelivery } from './deliver.js';
import { createHandlers } from './handlers.js';
import { createHttpFetch } from './http-fetch.js';
import { authenticate, createDmCheck, UNKNOWN_IDENTITY, type Identity } from './identity.js';
import { registerListeners } from './listeners.js';
import { createReceiver } from './receivers.js';
import { createScheduler } from './scheduler.js';
import { createPeople, usersInfo } from './users.js';
import { publishHome, type HomeOpened } from './home.js';
import { slackAccess } from './visibility.js';

export interface SlackAdapterDeps {
  handler: MessageHandler;
  logger: Logger;
  /** Served as `GET /healthz` (200 when ok, else 503) next to `/slack/events`, in HTTP mode only. */
  health?: () => Promise<HealthBody>;
  /** Interface the HTTP receiver listens on; all interfaces when unset (tests use 127.0.0.1). */
  host?: string;
  /**
   * How long a slash command's ack waits for its reply to travel in it, in ms (default 1,500).
   * Slack shows the user an error past 3 s; the rest is left for the network and a slow store.
   */
  ackDeadlineMs?: number;
}

export interface SlackAdapter extends ChatAdapter {
  readonly outbox: Outbox;
  /** The HTTP port actually listened on (useful with port 0), once started in HTTP mode. */
  port(): number | undefined;
  /** Resolves when the work started by deliveries so far has finished (tests await it instead of sleeping). */
  idle(): Promise<void>;
}

export const DEFAULT_ACK_DEADLINE_MS = 1_500;

/** The health report with the adapter's own state added. */
function withSlackState(health: (() => Promise<HealthBody>) | undefined, running: () => boolean) {
  return health && (async () => ({ ...(await health()), slack: running() ? 'running' : 'stopped' }));
}

function listeningPort(server: Server | undefined): number | undefined {
  const address = server?.address();
  return address && typeof address === 'object' ? address.port : undefined;
}

function webClient(token: string, options: webApi.WebClientOptions, logger: webApi.WebClientOptions['logger']): webApi.WebClient {
  // Slack answers most errors with 200 {ok:false}, which is never retried; these are network faults and 5xx.
  return new webApi.WebClient(token, { ...options, logger, retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2_000 } });
}

/** The DM between the bot and a user, opened if need be; undefined when Slack refuses (the refusal is noted). */
async function openDirect(
  client: webApi.WebClient,
  note: (err: unknown, method: string) => void,
  userId: string,
  workspaceId: string,
): Promise<Conversation | undefined> {
  const res = await client.conversations.open({ users: userId }).catch((err: unknown) => void note(err, 'conversations.open'));
  return res?.channel?.id ? { platform: 'slack', workspaceId, channelId: res.channel.id, isDirect: true } : undefined;
}

/** The Bolt app over the adapter's receiver, for the identity `auth.test` returned. */
function boltApp(
  config: SlackConfig,
  log: Logger,
  identity: Identity,
  parts: { secrets: readonly (string | undefined)[]; clientOptions: webApi.WebClientOptions; report: (() => Promise<HealthBody>) | undefined },
): App {
  const logger = boltLogger(log.child({ component: 'bolt' }), parts.secrets);
  return new App({
    receiver: createReceiver(config, log, logger, parts.report),
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.userId,
    // auth.test already ran above; Bolt need not repeat it.
    tokenVerificationEnabled: false,
    convoStore: false,
    // The handlers skip the bot's own messages themselves (`ignoredMessage`); Bolt's check would be one more step per delivery.
    ignoreSelf: false,
    logger,
    // Bolt posts to response_url with this fetch too.
    clientOptions: parts.clientOptions,
  });
}

/**
 * RustGo on Slack for one workspace: slash commands, mentions, DMs and buttons go to the core;
 * its replies come back as Block Kit. HTTP mode (`/slack/events`) or Socket Mode. This file only
 * assembles the parts: identity, people, delivery, handlers, listeners, receiver and scheduler.
 */
export function createSlackAdapter(config: SlackConfig, deps: SlackAdapterDeps): SlackAdapter {
  const log = deps.logger.child({ adapter: 'slack' });
  const secrets = [config.botToken, config.signingSecret, config.appToken];
  const clientOptions = { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), fetch: createHttpFetch() };
  const client = webClient(config.botToken, clientOptions, boltLogger(log.child({ component: 'web-api' }), secrets));
  let identity: Identity = UNKNOWN_IDENTITY;
  const delivery = createDelivery(client, log, () => identity.name);
  const people = createPeople(usersInfo(client, delivery.note));
  const scheduler = createScheduler(log);
  const accessOf = (userId: string) => slackAccess(client, userId, delivery.note);
  const directTo = (userId: string, workspaceId = identity.teamId) => openDirect(client, delivery.note, userId, workspaceId);
  const handlers = createHandlers({
    handler: deps.handler,
    delivery,
    people,
    identity: () => identity,
    isOwnDm: createDmCheck(client, delivery.note),
    onIgnored: (what) => log.info(`ignored ${what}`),
    accessOf,
    directTo: (userId) => directTo(userId),
  });
  let app: App | undefined;
  let server: Server | undefined;

  const report = withSlackState(deps.health, () => app !== undefined);

  return {
    platform: 'slack',
    outbox: {
      platform: 'slack',
      post: (conversation, reply) => delivery.post(conversation, reply),
      update: (handle, reply) => delivery.update(handle, reply),
      directTo: (workspaceId, userId) => directTo(userId, workspaceId),
      linkTo: async (handle) => (await client.chat.getPermalink({ channel: handle.conversation.channelId, message_ts: handle.messageId })).permalink,
    },
    port: () => listeningPort(server),
    idle: () => scheduler.idle(),
    async start() {
      if (app) return;
      identity = await authenticate(client, config.apiUrl);
      const bolt = boltApp(config, log, identity, { secrets, clientOptions, report });
      const home = async (opened: HomeOpened) => void (await publishHome(client, deps.handler, opened, accessOf(opened.event.user)));
      registerListeners(bolt, { ...handlers, home }, scheduler, log, deps.ackDeadlineMs ?? DEFAULT_ACK_DEADLINE_MS);
      const started = await bolt.start(deps.host ? { port: config.port, host: deps.host } : config.port);
      server = config.mode === 'http' ? started : undefined;
      app = bolt;
      log.info({ mode: config.mode, bot: identity.name, port: config.mode === 'http' ? this.port() : undefined }, 'Slack adapter started');
    },
    async stop() {
      const bolt = app;
      app = undefined;
      server = undefined;
      await bolt?.stop();
      await scheduler.drain(5_000);
    },
  };
}
