// Types for single classes of rate-limiter-flexible, loaded from their own files: the package root
// requires every backend the library supports (Mongo, MySQL, Postgres, DynamoDB, etcd, ...), which cost
// about a tenth of start-up's own work beyond Bolt's; each of these files loads one class and its helpers.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  import { RateLimiterMemory } from 'rate-limiter-flexible';
  export = RateLimiterMemory;
}

declare module 'rate-limiter-flexible/lib/RateLimiterRedis.js' {
  import { RateLimiterRedis } from 'rate-limiter-flexible';
  export = RateLimiterRedis;
}

declare module 'rate-limiter-flexible/lib/RateLimiterRes.js' {
  import { RateLimiterRes } from 'rate-limiter-flexible';
  export = RateLimiterRes;
}
