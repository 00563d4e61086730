import type { App } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { ackSlot } from './ack-slot.js';
import type { Handlers } from './handlers.js';
import type { Scheduler } from './scheduler.js';
import { parseHomeOpened, type HomeOpened } from './home.js';
import { parseAction, parseCommand, parseMessageCallback } from './translate.js';

/**
 * Bolt's listeners: each reads its body through the schema the gate checked it with, acks, and
 * hands the work to the scheduler. A command's ack waits up to `ackDeadlineMs` for its reply.
 */
export function registerListeners(
  bolt: App,
  handlers: Handlers & { home(opened: HomeOpened): Promise<void> },
  scheduler: Scheduler,
  log: Logger,
  ackDeadlineMs: number,
): void {
  bolt.command(/^\//, async ({ ack, body, respond }) => {
    const command = parseCommand(body);
    if (!command.ok) return ack();
    const slot = ackSlot((reply) => ack(reply), ackDeadlineMs);
    scheduler.now('command', () => handlers.command(command.value, respond, slot).finally(() => slot.close()));
  });
  bolt.event('app_mention', async ({ body }) => {
    const mention = parseMessageCallback(body);
    if (mention.ok) scheduler.later('mention', () => handlers.message(mention.value));
  });
  bolt.event('message', async ({ body }) => {
    // Mentions arrive as app_mention; only the bot's own DM is read as plain messages.
    if ((body.event as { channel_type?: unknown }).channel_type !== 'im') return;
    const message = parseMessageCallback(body);
    if (message.ok) scheduler.later('direct message', () => handlers.message(message.value));
  });
  bolt.event('app_home_opened', async ({ body }) => {
    const opened = parseHomeOpened(body);
    if (opened) scheduler.later('home tab', () => handlers.home(opened));
  });
  bolt.action({ type: 'block_actions' }, async ({ ack, body, respond }) => {
    await ack();
    const action = parseAction(body);
    if (action.ok) scheduler.later('button', () => handlers.action(action.value, respond));
  });
  bolt.error(async (err) => {
    log.error({ err: err.message, code: err.code }, 'Bolt reported an error');
  });
}
