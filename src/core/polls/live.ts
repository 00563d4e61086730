import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Records } from '../../state/records.js';
import type { OutboxRegistry } from '../context.js';
import { POLL } from './records.js';
import { pollReply } from './render.js';
import type { Poll } from './poll.js';

/** Default least time between two edits of one poll message, in ms. */
const LIVE_UPDATE_INTERVAL_MS = 1_000;

interface Run {
  /** Set when a change arrived after the loop's last read. */
  dirty: boolean;
  done: Promise<void>;
}

/**
 * Keeps each poll message showing the stored truth without sending every vote's snapshot
 * (snapshots can overtake one another, so the last to arrive might be stale). One loop per poll
 * in this process: it reads the poll, sends it, and reads again until a read after a send finds
 * nothing newer. Callers await the loop, so when a vote's handler finishes the message shows it.
 * Several processes each run their own loop; each ends with a render read after its last send,
 * so the last update the platform receives shows the final version.
 */
export class LiveUpdater {
  private readonly runs = new Map<string, Run>();
  private stopped = false;

  constructor(
    private readonly records: Records,
    private readonly outboxes: OutboxRegistry,
    private readonly log: Logger,
    /** Least time between two edits of one message, in ms (Slack allows about one chat.update a second). */
    private readonly minIntervalMs = LIVE_UPDATE_INTERVAL_MS,
  ) {}

  /** True when the poll's message can be edited through an outbox. */
  canUpdate(poll: Poll): boolean {
    return !this.stopped && poll.message !== undefined && this.outboxes.get(poll.conversation.platform) !== undefined;
  }

  /** Lets the edits under way finish and starts no new one. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.runs.values()].map((r) => r.done));
  }

  refresh(convKey: string, id: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const key = `${convKey}:${id}`;
    const current = this.runs.get(key);
    if (current) {
      current.dirty = true;
      return current.done;
    }
    const run: Run = { dirty: false, done: Promise.resolve() };
    this.runs.set(key, run);
    run.done = this.loop(key, convKey, id, run);
    return run.done;
  }

  private async loop(key: string, convKey: string, id: string, run: Run): Promise<void> {
    let sent = -1;
    let sentAt = 0;
    try {
      for (;;) {
        run.dirty = false;
        let found = await this.records.read(POLL, { convKey, id });
        const fresh = found.status === 'ok' && found.value.version !== sent;
        const wait = sentAt + this.minIntervalMs - Date.now();
        if (fresh && sent >= 0 && wait > 0) {
          // Newer votes arrived during the last edit: let more gather, then show them all at once.
          await sleep(wait);
          found = await this.records.read(POLL, { convKey, id });
        }
        const poll = found.status === 'ok' ? found.value : undefined;
        const outbox = poll ? this.outboxes.get(poll.conversation.platform) : undefined;
        // Deleted synchronously with the last check, so a later refresh starts a fresh loop.
        if (!poll?.message || !outbox || (poll.version === sent && !run.dirty)) return void this.runs.delete(key);
        await outbox.update({ conversation: poll.conversation, messageId: poll.message.messageId }, pollReply(poll));
        sent = poll.version;
        sentAt = Date.now();
      }
    } catch (err) {
      this.runs.delete(key);
      // The next vote tries again; the voter's own confirmation has already gone out.
      this.log.warn({ err, poll: id }, 'could not update a poll message');
    }
  }
}
