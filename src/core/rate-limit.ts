import type { Logger } from 'pino';
import type { RateCounter, Store } from '../state/store.js';
import type { Context } from './context.js';

/** Button presses per user per minute: far above any person voting or answering by hand. */
export const BUTTON_PRESSES_PER_MINUTE = 120;

/**
 * How long a rate check may take (ms) before the event goes ahead unchecked: inside Slack's 3-second
 * acknowledgement, and as long as any other store call may take, so a burst that slows every call
 * (500 voters at once) is not mistaken for an outage. A slow store must not cost users their answers.
 */
export const RATE_CHECK_DEADLINE_MS = 2_000;

export interface RateLimitOptions {
  store: Store;
  logger: Logger;
  commandsPerMinute: number;
  /** The window both allowances count over, in ms (whole seconds). Default one minute. */
  windowMs?: number | undefined;
  deadlineMs?: number;
}

/**
 * Per-user allowances, one for commands and a higher one for buttons, counted in the store so
 * that with Redis the allowance holds across every process. A user over it is told once per
 * window; the rest is dropped. The terminal is never limited: its user runs the bot.
 */
export class RateLimits {
  private readonly commands: RateCounter;
  private readonly buttons: RateCounter;
  private failing = false;

  constructor(private readonly o: RateLimitOptions) {
    const windowMs = o.windowMs ?? 60_000;
    this.commands = o.store.rateCounter('commands', o.commandsPerMinute, windowMs);
    this.buttons = o.store.rateCounter('buttons', BUTTON_PRESSES_PER_MINUTE, windowMs);
  }

  /** True when the event may go on; tells the user once when they go over. */
  async admit(ctx: Context): Promise<boolean> {
    const { conversation, sender, kind } = ctx.incoming;
    if (conversation.platform === 'console') return true;
    const limit = kind === 'button' ? BUTTON_PRESSES_PER_MINUTE : this.o.commandsPerMinute;
    const hits = await this.count(kind === 'button' ? this.buttons : this.commands, `${conversation.platform}:${conversation.workspaceId}:${sender.id}`);
    if (hits <= limit) return true;
    if (hits === limit + 1) {
      ctx.log.info({ user: sender.id }, 'rate limit reached');
      await ctx.refuse('slow_down', { n: limit });
    } else {
      ctx.debug({ user: sender.id }, 'rate limited: dropped');
    }
    return false;
  }

  /** Hits in the window, or 0 (let it through) when the store does not answer in time. */
  private async count(counter: RateCounter, key: string): Promise<number> {
    // A counter in this process's memory answers at once: a deadline timer per event would be pure cost.
    if (counter.local) return counter.hit(key);
    const deadlineMs = this.o.deadlineMs ?? RATE_CHECK_DEADLINE_MS;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs);
    });
    try {
      const hits = await Promise.race([counter.hit(key), late]);
      if (this.failing) this.o.logger.info('rate limit store answering again');
      this.failing = false;
      return hits;
    } catch (err) {
      if (!this.failing) this.o.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'rate limit not checked: the store did not answer; letting events through');
      this.failing = true;
      return 0;
    } finally {
      clearTimeout(timer);
    }
  }
}
