import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import RateLimiterRes from 'rate-limiter-flexible/lib/RateLimiterRes.js';

/** Hits per key in a fixed window, counted where the backend keeps them (Redis: shared by every process). */
export interface RateCounter {
  /** Counts one hit for `key`; resolves to the hits in the current window, this one included. */
  hit(key: string): Promise<number>;
  /** Counted in this process's memory: it answers at once and cannot hang, so callers need no deadline for it. */
  readonly local?: boolean;
}

export function rateCounter(limiter: RateLimiterAbstract): RateCounter {
  return {
    local: limiter instanceof RateLimiterMemory,
    async hit(key) {
      try {
        return (await limiter.consume(key)).consumedPoints;
      } catch (over) {
        // The library rejects with its result (not an Error) when the key is over its points.
        if (over instanceof RateLimiterRes) return over.consumedPoints;
        throw over;
      }
    },
  };
}
