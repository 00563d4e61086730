import type { Logger } from 'pino';
import type { Store } from '../state/store.js';
import type { Checklist } from './checklist/definition.js';
import type { HelpText } from './help.js';
import type { KnowledgeIndex } from './knowledge/search.js';
import { conversationKey, type Incoming, type MessageHandle, type Outbox, type Platform, type Reply, type Responder } from './messages.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Everything the core needs, passed in once (tests hand in fakes). */
export interface CoreDeps {
  store: Store;
  logger: Logger;
  clock: Clock;
  checklist: Checklist;
  help: HelpText;
  /** The knowledge base: topics and the question search over them. */
  knowledge: KnowledgeIndex;
  /** Random source for ids; tests may fix it. */
  random?: () => number;
  /** Commands per user per minute (buttons have their own, higher allowance). Default 20. */
  rateLimitPerMinute?: number;
  /** The window that allowance counts over, in ms (whole seconds); tests shorten it. Default one minute. */
  rateWindowMs?: number | undefined;
  /** Events handled at the same time; later ones wait their turn. Default 64. */
  maxConcurrent?: number;
  /** Events in flight at once, waiting for a turn included; past it a sender is told the bot is busy. Default 1,000. */
  maxInFlight?: number;
  /** Key for anonymous poll voters' hashes (POLL_SECRET); unset means a random key kept in the store. */
  pollSecret?: string | undefined;
  /** Each adapter's outbox, for edits no incoming event asked for (live poll tallies, deadlines). */
  outboxes?: OutboxRegistry | undefined;
}

/** The adapters' outboxes by platform; main.ts registers one per running adapter. */
export class OutboxRegistry {
  private readonly byPlatform = new Map<Platform, Outbox>();

  register(outbox: Outbox): void {
    this.byPlatform.set(outbox.platform, outbox);
  }

  get(platform: Platform): Outbox | undefined {
    return this.byPlatform.get(platform);
  }
}

/** One incoming event being handled. */
export interface Context {
  readonly incoming: Incoming;
  readonly deps: CoreDeps;
  /** `platform:workspace:channel[:thread]` of the incoming event. */
  readonly key: string;
  readonly log: Logger;
  reply(reply: Reply): Promise<MessageHandle | undefined>;
  /** A short message only the sender sees. */
  tell(text: string): Promise<void>;
  /**
   * Waits for `work` once this event's turn is over: the event still counts as handled only when
   * `work` is done, but other events may take the turn meanwhile. For waits on work shared with
   * other events, such as a poll's live edit, which may pause a second to gather votes.
   */
  afterTurn(work: Promise<void>): void;
}

/** `later` collects the work passed to `afterTurn`; whoever handles the event awaits it. */
export function createContext(incoming: Incoming, deps: CoreDeps, respond: Responder, later: Array<Promise<void>> = []): Context {
  const key = conversationKey(incoming.conversation);
  let log: Logger | undefined;
  return {
    incoming,
    deps,
    key,
    // Built on first use: most events log nothing, and this runs for every one of them.
    get log() {
      return (log ??= deps.logger.child({ conversation: key, event: incoming.eventId }));
    },
    reply: (reply) => respond.send(reply),
    async tell(text) {
      await respond.send({ sections: [text], ephemeral: true });
    },
    afterTurn(work) {
      later.push(work);
    },
  };
}

export type CommandHandler<C> = (ctx: Context, command: C) => Promise<void>;
/** Handles one button action; `value` is the button's value as the platform returned it (untrusted). */
export type ActionHandler = (ctx: Context, value: string) => Promise<void>;
