import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { isRecord, MALFORMED_MARK } from './gate.js';

type Frame = (data: unknown, isBinary?: boolean) => unknown;

/** Envelope types Slack sends that carry a payload for the app. */
const PAYLOAD_TYPES = new Set(['events_api', 'slash_commands', 'interactive']);
/** Control frames the Socket Mode client handles itself. */
const CONTROL_TYPES = new Set(['hello', 'disconnect']);

/** Why a parsed frame cannot go to the client as it is, or undefined when it can. */
function frameProblem(frame: Record<string, unknown>): string | undefined {
  if (typeof frame.type !== 'string') return 'envelope type';
  if (CONTROL_TYPES.has(frame.type)) return undefined;
  // The client emits the envelope type (and an event's type) as an event name of its own emitter:
  // `error` or `ws_message` from Slack's side would throw inside it or loop back into it.
  if (!PAYLOAD_TYPES.has(frame.type)) return 'envelope type';
  if (!isRecord(frame.payload)) return `${frame.type} payload`;
  if (frame.type !== 'events_api') return undefined;
  const event = frame.payload.event;
  if (!isRecord(event) || typeof event.type !== 'string') return 'events_api event';
  return /^[a-z][a-z0-9_.]{0,63}$/.test(event.type) && event.type !== 'error' ? undefined : 'events_api event type';
}

function parse(data: unknown): unknown {
  try {
    return JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer));
  } catch {
    return undefined;
  }
}

/**
 * Stands in front of the Socket Mode client's frame handler (through its own emitter, without
 * patching it). The client reads `event.payload.event.type` of every `events_api` frame and emits
 * the envelope type as an event name, so a frame with `event: null` (or a type named `error`)
 * throws inside it, and that rejection ends the process. Frames that are sound pass on unchanged;
 * a malformed envelope with an id passes on as a marked, empty envelope that the gate acknowledges;
 * anything else is logged and dropped. A fault left in the client is still caught and logged.
 */
export function guardSocketFrames(receiver: SocketModeReceiver, log: Logger): void {
  const client = receiver.client;
  const handlers = client.listeners('ws_message') as Frame[];
  client.removeAllListeners('ws_message');
  const pass = (data: unknown, isBinary?: boolean) => {
    for (const handler of handlers) {
      Promise.resolve()
        .then(() => handler(data, isBinary))
        .catch((err: unknown) => log.error({ err }, 'the Socket Mode client failed on a frame'));
    }
  };
  client.on('ws_message', (data: unknown, isBinary?: boolean) => {
    if (isBinary) return pass(data, isBinary);
    const frame = parse(data);
    if (!isRecord(frame)) return void log.warn({ frame: frame === undefined ? 'unparsable' : typeof frame }, 'ignored a malformed Socket Mode frame');
    const problem = frameProblem(frame);
    if (!problem) return pass(data, isBinary);
    // With an id it is acknowledged (and logged) by the gate; without one there is nothing to answer.
    if (typeof frame.envelope_id !== 'string' || frame.envelope_id.length > 128) return void log.warn({ problem }, 'ignored a malformed Socket Mode frame');
    pass(JSON.stringify({ envelope_id: frame.envelope_id, type: MALFORMED_MARK, payload: { [MALFORMED_MARK]: problem } }), false);
  });
}
