/**
 * A sliding one-minute window per user, kept in this process's memory. A user over the limit
 * is told once per window and everything else is dropped until the window frees up.
 */
export type RateDecision = 'allow' | 'warn' | 'drop';

export class RateLimiter {
  private readonly hits = new Map<string, { times: number[]; warned: boolean }>();
  private checks = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    /** Upper bound on tracked users; the oldest entries are dropped first. */
    private readonly maxKeys = 50_000,
  ) {}

  /** Users currently tracked. */
  get size(): number {
    return this.hits.size;
  }

  check(key: string, now: number): RateDecision {
    // Now and then forget users who have been quiet for a whole window, so memory follows activity.
    if (++this.checks % 1_000 === 0) this.forgetQuiet(now);
    let entry = this.hits.get(key);
    if (!entry) {
      if (this.hits.size >= this.maxKeys) this.evict(now);
      entry = { times: [], warned: false };
      this.hits.set(key, entry);
    }
    const cutoff = now - this.windowMs;
    while (entry.times.length > 0 && (entry.times[0] as number) <= cutoff) entry.times.shift();
    if (entry.times.length < this.limit) {
      entry.times.push(now);
      entry.warned = false;
      return 'allow';
    }
    if (entry.warned) return 'drop';
    entry.warned = true;
    return 'warn';
  }

  private forgetQuiet(now: number): void {
    for (const [key, entry] of this.hits) {
      if ((entry.times.at(-1) ?? 0) <= now - this.windowMs) this.hits.delete(key);
    }
  }

  private evict(now: number): void {
    this.forgetQuiet(now);
    if (this.hits.size >= this.maxKeys) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
  }
}
