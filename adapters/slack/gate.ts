import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { checkPayload, type CheckedPayload } from './translate.js';

/** A plain JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Set by the Socket Mode frame guard on an envelope it could not pass on as it came, so that the
 * envelope still reaches this gate and is acknowledged (Slack would otherwise redeliver it).
 */
export const MALFORMED_MARK = 'rustgo_malformed';

/** The context key (through Bolt's `customProperties`) under which the gate hands the router the checked payload. */
const CHECKED_KEY = 'rustgoPayload';

/** The payload the gate checked for this delivery, from a Bolt middleware's context; undefined for payloads the adapter does not read. */
export function checkedPayload(context: Record<string, unknown>): CheckedPayload | undefined {
  return context[CHECKED_KEY] as CheckedPayload | undefined;
}

/** Payloads that reach Bolt with no listener of ours: handled here so they are not held 3 s and answered 404. */
function unhandledInteraction(body: Record<string, unknown>): boolean {
  return body.command === undefined && body.type !== 'event_callback' && body.type !== 'block_actions';
}

/**
 * Checks every payload against the adapter's schemas before Bolt routes it. Bolt itself answers a
 * malformed body with a 404 or 500 (so Slack retries it) or hands it on half-typed; here it is
 * acknowledged, logged once at warn with the failing paths only (no values, no tokens), and dropped.
 * Interactions the bot has no use for (view_submission, shortcut, message_action, …) are
 * acknowledged at once and dropped.
 */
export function screened(inner: Receiver, log: Logger): Receiver {
  return {
    init(bolt) {
      const gate = Object.create(bolt) as App;
      gate.processEvent = async (event: ReceiverEvent) => {
        const body: unknown = event.body;
        if (!isRecord(body) || typeof body[MALFORMED_MARK] === 'string') {
          await event.ack();
          return void log.warn({ payload: isRecord(body) ? body[MALFORMED_MARK] : 'not an object' }, 'ignored a malformed Slack payload');
        }
        const checked = checkPayload(body);
        if (checked && !checked.ok) {
          await event.ack();
          return void log.warn({ payload: checked.kind, issues: checked.issues }, 'ignored a malformed Slack payload');
        }
        if (unhandledInteraction(body)) {
          await event.ack();
          return void log.debug({ type: typeof body.type === 'string' ? body.type.slice(0, 40) : typeof body.type }, 'acknowledged a Slack interaction the bot does not use');
        }
        if (checked) event.customProperties = { ...event.customProperties, [CHECKED_KEY]: checked.payload };
        return bolt.processEvent(event);
      };
      inner.init(gate);
    },
    start: (...args: unknown[]) => inner.start(...args),
    stop: (...args: unknown[]) => inner.stop(...args),
  };
}
