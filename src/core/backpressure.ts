import type { Logger } from 'pino';
import { plain, say } from './catalogue.js';
import type { Incoming, Reply, Responder } from './messages.js';

/**
 * Events in flight at once, from the moment the core receives one (acknowledged or not) until its
 * last reply is sent. Twice the largest legitimate burst the tests drive into one process (500
 * voters pressing at the same moment, all of whom must be counted). bench/flood.ts showed that the
 * bound is what stops the core's share of memory from growing: with 256, a 60-second flood turned
 * 16,080 events away and the core's queue stayed flat; without a bound every one would have waited.
 */
export const MAX_IN_FLIGHT = 1_000;

const busy: Reply = { ephemeral: true, sections: [say('busy', plain)] };

/**
 * The one bound on work in flight. An event past it is not queued: its sender is told at once that
 * the bot is busy (a short reply, well within Slack's 3 seconds) and its work is dropped. Busy notes
 * have a quarter of the bound for themselves; past that, refused events are dropped without a note.
 */
export class InFlight {
  private count = 0;
  private dropped = 0;
  /** Busy notes being sent: bounded too, or a flood would turn into unbounded replies. */
  private notes = 0;

  constructor(
    private readonly limit: number,
    private readonly logger: Logger,
  ) {}

  /** Runs `work` if there is room; otherwise tells the sender the bot is busy. */
  async run(incoming: Incoming, respond: Responder, work: () => Promise<void>): Promise<void> {
    if (this.count >= this.limit) return this.refuse(incoming, respond);
    this.count++;
    try {
      await work();
    } finally {
      this.count--;
      if (this.dropped > 0 && this.count <= this.limit / 2) {
        this.logger.info({ dropped: this.dropped }, 'no longer busy');
        this.dropped = 0;
      }
    }
  }

  /** Events in flight now. */
  get load(): number {
    return this.count;
  }

  private async refuse(incoming: Incoming, respond: Responder): Promise<void> {
    if (this.dropped++ === 0) this.logger.warn({ limit: this.limit }, 'busy: work in flight is at its bound; new events are refused');
    if (this.notes >= Math.ceil(this.limit / 4)) return;
    this.notes++;
    try {
      await respond.send(busy);
    } catch (err) {
      this.logger.debug({ err, event: incoming.eventId }, 'could not deliver a busy reply');
    } finally {
      this.notes--;
    }
  }
}
