import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Hits per key in a fixed window, counted where the backend keeps them (Redis: shared by every process). */
export interface RateCounter {
  /** Counts one hit for `key`; resolves to the hits in the current window, this one included. */
  hit(key: string): Promise<number>;
}

export function rateCounter(limiter: RateLimiterAbstract): RateCounter {
  return {
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
