import { StoreUnavailableError, UserFacingError } from '../errors.js';
import { Records } from '../state/records.js';
import { createContext, OutboxRegistry, type Context, type CoreDeps, type Services } from './context.js';
import { homeView } from './decisions/home.js';
import { actions, runCommand } from './features/index.js';
import type { Incoming, MessageHandler, Outbox, Responder } from './messages.js';
import { InFlight, MAX_IN_FLIGHT } from './backpressure.js';
import { LiveUpdater } from './polls/live.js';
import { PollSecret } from './polls/records.js';
import { startPollSweeper, type PollSweeper } from './polls/sweeper.js';
import { RateLimits } from './rate-limit.js';
import { parseCommand } from './router.js';
import { Semaphore } from './semaphore.js';

/** Event ids are remembered this long (ms): longer than Slack's last retry, 5 minutes after the first try. */
const DEDUPE_TTL_MS = 60 * 60 * 1000;

interface StartOptions {
  /** Each running adapter's outbox, for edits no incoming event asked for (live tallies, deadlines). */
  outboxes: readonly Outbox[];
  /** How often poll deadlines are checked, in ms (tests use a long one and sweep by hand). */
  sweepIntervalMs?: number | undefined;
}

/**
 * The conversation core, in two phases: `createBot` builds it (adapters get it as their handler);
 * `start` begins the work that needs the adapters (the deadline sweeper, live poll edits); `stop` ends that work, letting a sweep under way announce.
 */
export interface Bot extends MessageHandler {
  /** Resolves after the start-up sweep, to how many polls it closed. */
  start(options: StartOptions): Promise<number>;
  stop(): Promise<void>;
  /** Closes every poll whose deadline has passed now; resolves to how many this call closed. */
  sweep(): Promise<number>;
  /** Damaged records seen since start (for /healthz). */
  readonly damagedRecords: number;
}

/** Builds what one bot shares between its events; nothing here is shared with another bot. */
function services(deps: CoreDeps): Services {
  const records = new Records(deps.store, deps.logger.child({ component: 'records' }), () => deps.clock.now());
  const outboxes = new OutboxRegistry();
  const live = new LiveUpdater(records, outboxes, deps.logger.child({ component: 'live-poll' }));
  return { ...deps, records, outboxes, live, secret: new PollSecret(records, deps.pollSecret) };
}

/** A command goes to its feature, a button to the handler of its action. */
async function dispatch(ctx: Context): Promise<void> {
  const { button } = ctx.incoming;
  if (ctx.incoming.kind !== 'button') return runCommand(ctx, parseCommand(ctx.incoming.text));
  const action = button ? actions.get(button.action) : undefined;
  if (!action || !button) {
    ctx.log.info({ action: button?.action?.slice(0, 100) }, 'unknown button action');
    return ctx.refuse('button_unknown');
  }
  return action.run(ctx, button.value);
}

/** The core answers every failure itself, with the catalogue's words, so both platforms say the same. */
async function report(ctx: Context, err: unknown): Promise<void> {
  let text: string;
  if (err instanceof UserFacingError) text = ctx.say(err.catalogueCode, err.said);
  else if (err instanceof StoreUnavailableError) text = ctx.say('store_unavailable');
  else {
    ctx.log.error({ err, code: (err as { code?: unknown }).code }, 'failed to handle a message');
    text = ctx.say('failure');
  }
  try {
    await ctx.tell(text);
  } catch (sendErr) {
    ctx.log.warn({ err: sendErr }, 'could not deliver an error reply');
  }
}

/** The conversation core: dedupes, routes and answers; every failure becomes a catalogue reply. */
export function createBot(deps: CoreDeps): Bot {
  const core = services(deps);
  const limits = new RateLimits({ store: deps.store, logger: deps.logger, commandsPerMinute: deps.rateLimitPerMinute ?? 20, windowMs: deps.rateWindowMs });
  const turns = new Semaphore(deps.maxConcurrent ?? 64);
  const inFlight = new InFlight(deps.maxInFlight ?? MAX_IN_FLIGHT, deps.logger);
  let sweeper: PollSweeper | undefined;

  async function firstDelivery(incoming: Incoming): Promise<boolean> {
    // Platforms redeliver events (Slack's Events API retries, a Socket Mode or gateway redelivery),
    // not slash commands: those are interactions answered once, and an adapter that can see one again
    // (Discord's RESUME) drops it itself, so claiming each would only cost a store write per command.
    // Presses stay claimed: a vote delivered twice would withdraw itself.
    if (incoming.kind === 'command') return true;
    const { platform, workspaceId } = incoming.conversation;
    return deps.store.claim('dedupe', `${platform}:${workspaceId}:${incoming.eventId}`, DEDUPE_TTL_MS);
  }

  async function handleOne(incoming: Incoming, respond: Responder): Promise<void> {
    const later: Array<Promise<void>> = [];
    await turns.run(async () => {
      const ctx = createContext(incoming, core, respond, later);
      try {
        if (!(await firstDelivery(incoming))) return ctx.debug({}, 'duplicate delivery ignored');
        if (!(await limits.admit(ctx))) return;
        await dispatch(ctx);
      } catch (err) {
        await report(ctx, err);
      }
    });
    // Waits that need no turn (a poll's live edit, shared by every voter of a burst): a voter
    // waiting for it must not keep the next voter from being counted, yet the event ends after it.
    if (later.length === 0) return;
    for (const result of await Promise.allSettled(later)) {
      if (result.status === 'rejected') deps.logger.warn({ err: result.reason, event: incoming.eventId }, 'work after an event failed');
    }
  }

  return {
    home: (viewer) => homeView(core, viewer),
    handle: (incoming: Incoming, respond: Responder) => inFlight.run(incoming, respond, () => handleOne(incoming, respond)),
    async start(options) {
      for (const outbox of options.outboxes) core.outboxes.register(outbox);
      // Outboxes first: a poll that expired while the bot was down is closed by the first sweep.
      sweeper ??= startPollSweeper(core, { intervalMs: options.sweepIntervalMs });
      return sweeper.started;
    },
    async stop() {
      await sweeper?.stop();
      await core.live.stop();
    },
    sweep: () => sweeper?.sweep() ?? Promise.reject(new Error('the bot is not started')),
    get damagedRecords() {
      return core.records.damagedSeen;
    },
  };
}
