import { BotError, StoreUnavailableError, UserFacingError } from '../errors.js';
import { createContext, OutboxRegistry, type Context, type CoreDeps } from './context.js';
import { actions, runCommand } from './features/index.js';
import type { Incoming, MessageHandler, Outbox, Responder } from './messages.js';
import { slowDown } from './notices.js';
import { RateLimiter } from './rate-limit.js';
import { parseCommand } from './router.js';
import { Semaphore } from './semaphore.js';

/** Event ids are remembered this long (ms): longer than Slack's last retry, 5 minutes after the first try. */
export const DEDUPE_TTL_MS = 60 * 60 * 1000;

/** Button presses per user per minute: far above any person voting or answering by hand. */
export const BUTTON_PRESSES_PER_MINUTE = 120;

export interface Bot extends MessageHandler {
  readonly deps: CoreDeps;
  /** Lets the core post and edit on this adapter's platform without an incoming event. */
  registerOutbox(outbox: Outbox): void;
}

/** The conversation core: dedupes, routes and answers; every failure becomes a friendly reply. */
export function createBot(given: CoreDeps): Bot {
  const outboxes = given.outboxes ?? new OutboxRegistry();
  const deps: CoreDeps = { ...given, outboxes };
  const commandLimit = deps.rateLimitPerMinute ?? 20;
  const commands = new RateLimiter(commandLimit);
  const buttons = new RateLimiter(BUTTON_PRESSES_PER_MINUTE);
  const turns = new Semaphore(deps.maxConcurrent ?? 64);

  /** True when the event may go on; tells the user once when they go over the limit. */
  async function withinLimit(ctx: Context): Promise<boolean> {
    const { conversation, sender, kind } = ctx.incoming;
    const limiter = kind === 'button' ? buttons : commands;
    const decision = limiter.check(`${conversation.platform}:${conversation.workspaceId}:${sender.id}`, deps.clock.now());
    if (decision === 'allow') return true;
    if (decision === 'warn') {
      ctx.log.info({ user: sender.id }, 'rate limit reached');
      await ctx.reply(slowDown(kind === 'button' ? BUTTON_PRESSES_PER_MINUTE : commandLimit));
    }
    return false;
  }

  async function firstDelivery(incoming: Incoming): Promise<boolean> {
    // Platforms redeliver events (Slack's Events API retries, a Socket Mode or gateway redelivery),
    // not slash commands: those are interactions answered once, and an adapter that can see one again
    // (Discord's RESUME) drops it itself, so claiming each would only cost a store write per command.
    // Presses stay claimed: a vote delivered twice would withdraw itself.
    if (incoming.kind === 'command') return true;
    const { platform, workspaceId } = incoming.conversation;
    return deps.store.claim('dedupe', `${platform}:${workspaceId}:${incoming.eventId}`, DEDUPE_TTL_MS);
  }

  async function dispatch(ctx: Context): Promise<void> {
    const { incoming } = ctx;
    if (incoming.kind === 'button') {
      const name = incoming.button?.action;
      const handler = name !== undefined && Object.hasOwn(actions, name) ? actions[name] : undefined;
      if (!handler || !incoming.button) {
        ctx.log.info({ action: incoming.button?.action?.slice(0, 100) }, 'unknown button action');
        return ctx.tell("I don't recognise that button. It may come from an older version of me; try the command again.");
      }
      return handler(ctx, incoming.button.value);
    }
    return runCommand(ctx, parseCommand(incoming.text));
  }

  async function report(ctx: Context, err: unknown): Promise<void> {
    let text: string;
    if (err instanceof UserFacingError) {
      text = err.userText;
    } else if (err instanceof StoreUnavailableError) {
      text = "I can't reach my memory right now, so I can't do that. Please try again in a moment.";
    } else {
      ctx.log.error({ err, code: err instanceof BotError ? err.code : undefined }, 'failed to handle a message');
      text = 'Something went wrong on my side and I could not finish that. Please try again.';
    }
    try {
      await ctx.tell(text);
    } catch (sendErr) {
      ctx.log.warn({ err: sendErr }, 'could not deliver an error reply');
    }
  }

  return {
    deps,
    registerOutbox: (outbox) => outboxes.register(outbox),
    async handle(incoming: Incoming, respond: Responder): Promise<void> {
      const later: Array<Promise<void>> = [];
      await turns.run(async () => {
        const ctx = createContext(incoming, deps, respond, later);
        try {
          if (!(await firstDelivery(incoming))) {
            ctx.log.debug('duplicate delivery ignored');
            return;
          }
          if (!(await withinLimit(ctx))) return;
          await dispatch(ctx);
        } catch (err) {
          await report(ctx, err);
        }
      });
      // Waits that need no turn (a poll's live edit, shared by every voter of a burst): a voter
      // waiting for it must not keep the next voter from being counted, yet the event ends after it.
      for (const result of await Promise.allSettled(later)) {
        if (result.status === 'rejected') deps.logger.warn({ err: result.reason, event: incoming.eventId }, 'work after an event failed');
      }
    },
  };
}
