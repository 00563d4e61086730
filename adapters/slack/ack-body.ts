import type { Reply } from '../../src/core/messages.js';
import { renderReply } from './render.js';

/**
 * A reply as the body of a slash command's ack. The JSON text of a body built from a frozen reply
 * (help) is kept beside it under a symbol key: the HTTP receiver writes that text as it is, and
 * Socket Mode, which serialises the envelope itself, never sees symbol keys.
 */
const JSON_TEXT = Symbol('rustgo.ackJson');

export type AckBody = Record<string, unknown> & { readonly [JSON_TEXT]?: string };

const keptBodies = new WeakMap<Reply, AckBody>();

function build(reply: Reply): AckBody {
  return { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', ...renderReply(reply) };
}

/** The ack body for `reply`; for a frozen reply it is rendered and serialised once, then shared. */
export function ackBody(reply: Reply): AckBody {
  if (!Object.isFrozen(reply)) return build(reply);
  let body = keptBodies.get(reply);
  if (!body) {
    body = build(reply);
    Object.defineProperty(body, JSON_TEXT, { value: JSON.stringify(body) });
    // Shared between requests: a change to it would no longer match the kept text.
    keptBodies.set(reply, Object.freeze(body));
  }
  return body;
}

/** The JSON text of an ack body: kept with it, or serialised now. */
export function ackJson(body: Record<string, unknown>): string {
  return (body as AckBody)[JSON_TEXT] ?? JSON.stringify(body);
}
