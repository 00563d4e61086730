import type { Client } from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import { BotError } from '../../src/errors.js';
import type { AdapterState } from '../../src/health.js';
import type { Logger } from '../../src/logger.js';
import type { ChatAdapter, MessageHandler, Outbox } from '../../src/core/messages.js';
import { buildClient } from './client.js';
import { Delivery } from './delivery.js';
import { Gate } from './gate.js';
import { Identity } from './identity.js';
import { InFlight } from './in-flight.js';
import { routeEvents, watchConnection, type ConnectionState } from './listeners.js';
import { startupError } from './startup.js';

export { DISCORD_INTENTS } from './client.js';

/** How long `stop()` waits for events being answered before it disconnects anyway. */
const STOP_DRAIN_MS = 5_000;

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

export type DiscordAdapter = ChatAdapter & {
  readonly outbox: Outbox;
  /** Resolves once every event received so far has been answered (or has failed). */
  idle(): Promise<void>;
};

/** The Discord adapter: a discord.js client whose events pass the gate to the core. */
export function createDiscordAdapter(config: DiscordConfig, deps: DiscordAdapterDeps): DiscordAdapter {
  const logger = deps.logger.child({ adapter: 'discord' });
  let client: Client | undefined;
  const live = (): Client => {
    if (!client) throw new BotError('discord_not_started', 'the Discord adapter is not started');
    return client;
  };
  const identity = new Identity();
  const delivery = new Delivery(live, logger);
  const inFlight = new InFlight();
  const gate = new Gate(identity);

  async function start(): Promise<void> {
    const c = buildClient(config, logger);
    const state: ConnectionState = { started: false };
    watchConnection(c, logger, state, deps.onState);
    routeEvents(c, { handler: deps.handler, logger, gate, delivery, inFlight, deferAfterMs: deps.deferAfterMs });
    const ready = new Promise<void>((resolve) => c.once('clientReady', (me) => resolve(identity.learn(me.user))));
    client = c;
    try {
      await c.login(config.token);
      await ready;
      state.started = true;
    } catch (err) {
      client = undefined;
      await c.destroy().catch(() => undefined);
      throw startupError(err, state.closeCode);
    }
    logger.info({ user: identity.current.name, guilds: c.guilds.cache.size }, 'discord adapter ready');
  }

  return {
    platform: 'discord',
    outbox: delivery.outbox(),
    start,
    idle: () => inFlight.idle(),
    async stop() {
      // Events being answered finish first (they need the client), but a stuck one cannot hold up shutdown.
      await Promise.race([inFlight.idle(), new Promise((r) => setTimeout(r, STOP_DRAIN_MS).unref())]);
      const c = client;
      client = undefined;
      await c?.destroy();
    },
  };
}
