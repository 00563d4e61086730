import type { Reply } from '../../src/core/messages.js';
import { ackBody } from './ack-body.js';

/**
 * A slash command's ack, held open for a moment so that a reply ready in time travels in the ack's
 * body (no `response_url` POST, no `chat.postMessage`). It closes, empty, at the first reply that
 * cannot go there, when the handling ends, or at the deadline, whichever comes first: Slack shows an
 * error to the user when a command is not acked within 3 seconds.
 */
export interface AckSlot {
  /** Puts the reply in the ack when it still can; false when the reply must take the usual path. */
  answer(reply: Reply): Promise<boolean>;
  /** Acks empty if nothing has yet. */
  close(): Promise<void>;
}

/** Replies that may be the ack's body: one message, no files, not one the core edits later. */
export function fitsInAck(reply: Reply): boolean {
  return !reply.live && !reply.files?.length && !reply.replaceOriginal;
}

export function ackSlot(ack: (body?: Record<string, unknown>) => Promise<void>, deadlineMs: number): AckSlot {
  let open = true;
  const timer = setTimeout(() => void close(), deadlineMs);
  async function close(body?: Record<string, unknown>): Promise<void> {
    if (!open) return;
    open = false;
    clearTimeout(timer);
    await (body ? ack(body) : ack());
  }
  return {
    async answer(reply) {
      if (!open || !fitsInAck(reply)) {
        await close();
        return false;
      }
      await close(ackBody(reply));
      return true;
    },
    close: () => close(),
  };
}
