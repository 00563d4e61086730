import type { App, RespondFn } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { ackSlot } from './ack-slot.js';
import { checkedPayload } from './gate.js';
import type { Handlers } from './handlers.js';
import type { Scheduler } from './scheduler.js';
import { parseHomeOpened, type HomeOpened } from './home.js';

type Ack = (body?: Record<string, unknown>) => Promise<void>;

/**
 * The adapter's one Bolt middleware, in place of a listener per kind: Bolt runs every listener's
 * own middleware chain for every delivery, and the gate has already told the kinds apart and
 * checked each body (`checkedPayload`), so routing here costs one step instead of five chains.
 * It never calls `next()`: nothing else in Bolt acts on a delivery. Events arrive already acked by
 * Bolt; a button is acked here; a command's ack waits up to `ackDeadlineMs` for its reply.
 */
export function registerListeners(
  bolt: App,
  handlers: Handlers & { home(opened: HomeOpened): Promise<void> },
  scheduler: Scheduler,
  log: Logger,
  ackDeadlineMs: number,
): void {
  bolt.use(async (args) => {
    const { ack, respond } = args as { ack?: Ack; respond?: RespondFn };
    const checked = checkedPayload(args.context);
    switch (checked?.kind) {
      case 'command': {
        if (!ack) return;
        const slot = ackSlot(ack, ackDeadlineMs);
        return scheduler.now('command', () => handlers.command(checked.command, respond, slot).finally(() => slot.close()));
      }
      case 'button':
        await ack?.();
        return scheduler.later('button', () => handlers.action(checked.action, respond));
      case 'mention':
      case 'direct message':
        return scheduler.later(checked.kind, () => handlers.message(checked.message));
      case undefined: {
        // Other events the app may be subscribed to (a channel's messages) are not read at all.
        if ((args.body as { event?: { type?: unknown } }).event?.type !== 'app_home_opened') return;
        const opened = parseHomeOpened(args.body);
        if (opened) scheduler.later('home tab', () => handlers.home(opened));
      }
    }
  });
  bolt.error(async (err) => {
    log.error({ err: err.message, code: err.code }, 'Bolt reported an error');
  });
}
