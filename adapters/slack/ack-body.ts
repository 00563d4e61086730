import type { Reply } from '../../src/core/messages.js';
import { blocksJsonOf, renderReply } from './render.js';

/**
 * A reply as the body of a slash command's ack, with its JSON text kept beside it under a symbol
 * key: the HTTP receiver writes that text as it is, and Socket Mode, which serialises the envelope
 * itself, never sees symbol keys. The body of a frozen reply (help) is built once and shared.
 */
const JSON_TEXT = Symbol('rustgo.ackJson');
/** The UTF-8 bytes of a shared body's JSON text, encoded once instead of for every ack. */
const JSON_BYTES = Symbol('rustgo.ackBytes');

export type AckBody = Record<string, unknown> & { readonly [JSON_TEXT]?: string; readonly [JSON_BYTES]?: Buffer };

const keptBodies = new WeakMap<Reply, AckBody>();

/**
 * The body and, when rendering kept the blocks' JSON, the body's JSON text: the same text
 * `JSON.stringify` gives (same keys, same order), without serialising the blocks again.
 */
function build(reply: Reply): AckBody {
  const message = renderReply(reply);
  const responseType = reply.ephemeral ? 'ephemeral' : 'in_channel';
  const body: AckBody = { response_type: responseType, ...message };
  const blocks = blocksJsonOf(message);
  const json = blocks && `{"response_type":${JSON.stringify(responseType)},"text":${JSON.stringify(message.text)},"blocks":${blocks}}`;
  Object.defineProperty(body, JSON_TEXT, { value: json ?? JSON.stringify(body) });
  return body;
}

/** The ack body for `reply`; a frozen reply's body is built once, then shared. */
export function ackBody(reply: Reply): AckBody {
  // Frozen: the text written is the one kept, so a change to the body after this would not be sent.
  if (!Object.isFrozen(reply)) return Object.freeze(build(reply));
  let body = keptBodies.get(reply);
  if (!body) {
    body = build(reply);
    Object.defineProperty(body, JSON_BYTES, { value: Buffer.from(ackJson(body)) });
    keptBodies.set(reply, Object.freeze(body));
  }
  return body;
}

/** The JSON text of an ack body: kept with it, or serialised now. */
export function ackJson(body: Record<string, unknown>): string {
  return (body as AckBody)[JSON_TEXT] ?? JSON.stringify(body);
}

/** The bytes an HTTP ack writes for a body: encoded once for a shared body, else now. */
export function ackBytes(body: Record<string, unknown>): Buffer {
  return (body as AckBody)[JSON_BYTES] ?? Buffer.from(ackJson(body));
}
