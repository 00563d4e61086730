import type { Logger } from 'pino';
import type { Incoming, Reply, Responder } from './messages.js';

/**
 * Events in flight at once, from the moment the core receives one (acknowledged or not) until
 * its last reply is sent. Measured with bench/flood.ts: a flood of 333 commands a second from
 * 500 users never had more than a few dozen in flight on a healthy store, while a store slowed to
 * a crawl filled 256 within seconds; past the bound, memory would only grow. See README, Reliability.
 */
export const MAX_IN_FLIGHT = 256;

const busy: Reply = {
  ephemeral: true,
  sections: ["I'm swamped right now and had to drop that request. Please try again in a moment."],
};

/**
 * The one bound on work in flight. An event past it is not queued: its sender is told at once that
 * the bot is busy (a short reply, well within Slack's 3 seconds) and its work is dropped.
 */
export class InFlight {
  private count = 0;
  private dropped = 0;

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
    try {
      await respond.send(busy);
    } catch (err) {
      this.logger.debug({ err, event: incoming.eventId }, 'could not deliver a busy reply');
    }
  }
}
