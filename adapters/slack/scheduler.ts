import type { Logger } from '../../src/logger.js';
import { slackErrorCode } from './deliver.js';

/**
 * The work a delivery starts after Bolt has its ack: counted, so that `idle()` can await it (tests
 * assert "nothing happened" after it, not after a sleep) and `stop()` can let it finish. A failure
 * is logged, never thrown back into Bolt.
 */
export function createScheduler(log: Logger) {
  const inFlight = new Set<Promise<void>>();

  function track(what: string, started: Promise<void>): void {
    const done: Promise<void> = started
      .catch((err: unknown) => log.error({ err, slackError: slackErrorCode(err) }, `failed to handle a Slack ${what}`))
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  }

  return {
    /** Starts `work` at once: a command whose reply may still go into its ack. */
    now(what: string, work: () => Promise<void>): void {
      track(what, Promise.resolve().then(work));
    },
    /**
     * Starts `work` on the next turn of the event loop, so the acks of requests that arrived
     * together are written before any of their (slower) handling starts.
     */
    later(what: string, work: () => Promise<void>): void {
      track(what, new Promise<void>((resolve) => setImmediate(resolve)).then(work));
    },
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    /** Waits for the work in flight, at most `ms` (Slack's response_url lasts 30 min; a stopping process does not). */
    async drain(ms: number): Promise<void> {
      await Promise.race([this.idle(), new Promise((r) => setTimeout(r, ms).unref())]);
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
