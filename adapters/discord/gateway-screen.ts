import { createRequire } from 'node:module';
import type { ClientOptions } from 'discord.js';
import { z } from 'zod';
import type { Logger } from '../../src/logger.js';

type BuildStrategy = NonNullable<NonNullable<ClientOptions['ws']>['buildStrategy']>;
type WsManager = Parameters<BuildStrategy>[0];
type Strategy = ReturnType<BuildStrategy>;

/** Longer than any message Discord allows (4,000 characters with Nitro): such text is not from Discord. */
const MAX_CONTENT = 8_000;
const id = z.string().regex(/^\d{1,25}$/);

/** The dispatches the adapter acts on, checked before discord.js builds objects from them. */
const DISPATCH_SHAPES: Readonly<Record<string, z.ZodType>> = {
  MESSAGE_CREATE: z.object({
    id,
    channel_id: id,
    author: z.object({ id }),
    content: z.string().max(MAX_CONTENT),
    mentions: z.array(z.object({ id })),
  }),
  INTERACTION_CREATE: z.object({
    id,
    token: z.string().min(1).max(1_000),
    application_id: id,
    type: z.number().int(),
    data: z.object({}).optional(),
  }),
};

/** discord.js's own copy of @discordjs/ws, so that its manager and the strategy agree on one class. */
function simpleStrategy(): new (manager: WsManager) => Strategy {
  const here = createRequire(import.meta.url);
  const fromDiscord = createRequire(here.resolve('discord.js'));
  return (fromDiscord('@discordjs/ws') as { SimpleShardingStrategy: new (m: WsManager) => Strategy }).SimpleShardingStrategy;
}

/** Each kind of malformed dispatch is logged once at warn level, so a flood of them cannot flood the log. */
class Dropped {
  private readonly kinds = new Set<string>();
  constructor(private readonly logger: Logger) {}
  note(type: string, reason: string, err?: unknown): void {
    const first = !this.kinds.has(type);
    this.kinds.add(type);
    this.logger[first ? 'warn' : 'debug']({ type, err }, reason);
  }
}

function typeOf(payload: unknown): string {
  const t = (payload as { data?: { t?: unknown } } | undefined)?.data?.t;
  return typeof t === 'string' ? t.slice(0, 64) : 'unknown';
}

/** Passes a shard event on to discord.js unless it is a malformed dispatch, and never lets it throw. */
function forward(target: WsManager, logger: Dropped, event: string, payload: unknown): boolean {
  const type = typeOf(payload);
  if (event === 'dispatch') {
    const shape = DISPATCH_SHAPES[type];
    if (shape && !shape.safeParse((payload as { data: { d: unknown } }).data.d).success) {
      logger.note(type, 'dropped a malformed Discord gateway dispatch');
      return false;
    }
  }
  try {
    return target.emit(event, payload);
  } catch (err) {
    logger.note(type, 'discord.js failed on a gateway dispatch; it was skipped', err);
    return false;
  }
}

/**
 * discord.js's default sharding strategy, except that gateway dispatches pass a screen first: one
 * malformed dispatch (a `null` payload, a missing field) makes discord.js throw inside its socket
 * handler, which would end the process as an unhandled rejection. Uses the `ws.buildStrategy`
 * option, so nothing in the library is patched.
 */
export function screenedStrategy(logger: Logger): BuildStrategy {
  const Simple = simpleStrategy();
  const dropped = new Dropped(logger);
  return (manager) => {
    const screened = new Proxy(manager, {
      get(target, prop) {
        if (prop === 'emit') return (event: string, payload: unknown) => forward(target, dropped, event, payload);
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    return new Simple(screened);
  };
}
