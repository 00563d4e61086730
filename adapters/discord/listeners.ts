import { GatewayCloseCodes, type Client, type Interaction, type Message } from 'discord.js';
import type { Incoming, MessageHandler, Responder } from '../../src/core/messages.js';
import { somethingWentWrong } from '../../src/core/notices.js';
import type { AdapterState } from '../../src/health.js';
import type { Logger } from '../../src/logger.js';
import type { Delivery } from './delivery.js';
import type { Gate } from './gate.js';
import type { InFlight } from './in-flight.js';
import { InteractionReplies } from './interaction.js';
import { unusableButton } from './notes.js';
import { optionsFor } from './options.js';
import { withReach } from './visibility.js';

const nameOf = (channel: unknown): string | undefined =>
  channel && typeof channel === 'object' && 'name' in channel && typeof channel.name === 'string' ? channel.name : undefined;

export interface ListenerDeps {
  readonly handler: MessageHandler;
  readonly logger: Logger;
  readonly gate: Gate;
  readonly delivery: Delivery;
  readonly inFlight: InFlight;
  readonly deferAfterMs?: number | undefined;
}

/** The gateway connection as the adapter sees it; `started` once the first READY came. */
export interface ConnectionState {
  started: boolean;
  closeCode?: number | undefined;
}

/** Hands one event to the core; a core failure is logged and the user hears that something went wrong. */
async function run(deps: ListenerDeps, incoming: Incoming, responder: Responder): Promise<void> {
  try {
    await deps.handler.handle(incoming, responder);
  } catch (err) {
    deps.logger.error({ err, eventId: incoming.eventId }, 'the core failed on a Discord event');
    await responder.send(somethingWentWrong()).catch(() => undefined);
  }
}

async function onMessage(deps: ListenerDeps, client: Client, message: Message): Promise<void> {
  const found = deps.gate.message(message);
  if (!found) return;
  // What the sender may see and the channel's name, for the decision log's visibility rule.
  const incoming = withReach(found, client, message.member, nameOf(message.channel));
  await run(deps, incoming, deps.delivery.messageResponder(message, incoming));
}

async function onInteraction(deps: ListenerDeps, client: Client, i: Interaction): Promise<void> {
  const verdict = deps.gate.interaction(i);
  if (verdict.kind === 'unusable') {
    deps.logger.info({ interactionId: i.id }, 'a button the bot cannot read was pressed');
    await verdict.interaction.reply({ ...optionsFor(unusableButton(), deps.logger), flags: 'Ephemeral' });
    return;
  }
  if (verdict.kind !== 'core') return;
  const incoming = withReach(verdict.incoming, client, i.member, nameOf(i.channel));
  const replies = new InteractionReplies(verdict.interaction, incoming.conversation, deps);
  await run(deps, incoming, replies.responder);
  await replies.finish();
}

/** Messages and interactions go through the gate to the core; each one's work is tracked until done. */
export function routeEvents(client: Client, deps: ListenerDeps): void {
  const track = (work: Promise<void>, what: string) =>
    void deps.inFlight.track(work).catch((err: unknown) => deps.logger.error({ err }, `discord ${what} failed`));
  client.on('messageCreate', (m) => track(onMessage(deps, client, m), 'message'));
  client.on('interactionCreate', (i) => track(onInteraction(deps, client, i), 'interaction'));
}

/** Logs the gateway's ups and downs and reports them for /healthz once the adapter has started. */
export function watchConnection(client: Client, logger: Logger, state: ConnectionState, onState?: (s: AdapterState) => void): void {
  const report = (s: AdapterState) => state.started && onState?.(s);
  client.on('shardDisconnect', (event) => {
    state.closeCode = event.code;
    logger.error({ code: event.code, name: GatewayCloseCodes[event.code] }, 'discord gateway closed for good');
    report('failed');
  });
  client.on('shardReady', () => report('running'));
  client.on('shardError', (err) => logger.warn({ err }, 'discord gateway error'));
  client.on('shardResume', (_id, replayed) => {
    logger.info({ replayed }, 'discord gateway resumed');
    report('running');
  });
  client.on('warn', (message) => logger.warn(message));
  client.on('error', (err) => logger.error({ err }, 'discord client error'));
}
