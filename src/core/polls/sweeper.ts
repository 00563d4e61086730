import type { Logger } from 'pino';
import type { Services } from '../context.js';
import { closeStoredPoll } from './close.js';
import { sendDueReminders } from './reminders.js';
import { dueDeadlines, removeDeadline } from './records.js';
import { announcementReply } from './render.js';

/** How often open polls' deadlines are checked, in ms. */
const SWEEP_INTERVAL_MS = 15_000;

export interface PollSweeper {
  /** Closes every poll whose deadline has passed; resolves to how many this call closed. */
  sweep(): Promise<number>;
  /** The sweep run at start-up, for polls whose deadline passed while the bot was down. */
  readonly started: Promise<number>;
  /**
   * Stops the timer. A sweep under way finishes the poll it is closing, announcement included,
   * takes no further one (the next process's start-up sweep will), and then the promise resolves:
   * a shutdown awaits it before the outboxes and the store go, so no poll is left closed but unannounced.
   */
  stop(): Promise<void>;
}

/** Closes one poll at its deadline and announces it; false when it was no longer open to close. */
async function closeOne(deps: Services, log: Logger, key: string, id: string): Promise<boolean> {
  const result = await closeStoredPoll(deps, key, id);
  if (result.status !== 'closed') {
    // Closed by hand, expired or unreadable: it no longer needs a deadline.
    await removeDeadline(deps.records, key, id);
    if (result.status === 'corrupt') log.warn({ poll: id, problem: result.problem }, 'corrupt poll at its deadline');
    return false;
  }
  const { poll } = result;
  const outbox = deps.outboxes.get(poll.conversation.platform);
  if (!outbox) {
    log.warn({ poll: id, platform: poll.conversation.platform }, 'closed a poll but no outbox can announce it');
    return true;
  }
  await deps.live.refresh(key, id);
  await outbox.post(poll.conversation, announcementReply(poll));
  return true;
}

/**
 * Closes polls at their deadlines: a sweep at start-up and then every `intervalMs`, over the index
 * of open polls with deadlines (no long timers: setTimeout overflows after 24.8 days, and timers
 * die with the process). A poll closes exactly once across processes because closing happens under
 * the poll's lock; only the process that closed it edits its message and posts the announcement.
 */
export function startPollSweeper(deps: Services, options: { intervalMs?: number | undefined } = {}): PollSweeper {
  const log = deps.logger.child({ component: 'poll-sweeper' });
  let running: Promise<number> | undefined;
  let stopped = false;

  async function sweepOnce(): Promise<number> {
    let closed = 0;
    for (const entry of await dueDeadlines(deps.records, deps.clock.now())) {
      if (stopped) break;
      try {
        if (await closeOne(deps, log, entry.key, entry.id)) closed++;
      } catch (err) {
        log.warn({ err, poll: entry.id }, 'could not close a poll at its deadline; will retry');
      }
    }
    // After closing, so a poll that closed in this sweep gets no reminder.
    if (!stopped) await sendDueReminders(deps, log, () => stopped);
    return closed;
  }

  function sweep(): Promise<number> {
    // One sweep at a time in this process; a tick during a slow sweep waits for it.
    running ??= sweepOnce().finally(() => (running = undefined));
    return running;
  }

  const guarded = () =>
    sweep().catch((err: unknown) => {
      log.warn({ err }, 'poll deadline sweep failed; will retry');
      return 0;
    });
  const timer = setInterval(() => void guarded(), options.intervalMs ?? SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    sweep,
    started: guarded(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
