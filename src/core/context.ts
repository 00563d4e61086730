import type { Logger } from 'pino';
import type { Records } from '../state/records.js';
import type { Store } from '../state/store.js';
import { say, type CatalogueCode, type Said } from './catalogue.js';
import type { Checklist } from './checklist/definition.js';
import type { HelpText } from './help.js';
import type { KnowledgeIndex } from './knowledge/search.js';
import { conversationKey, type Incoming, type MessageHandle, type Outbox, type Platform, type Reply, type Responder } from './messages.js';
import type { LiveUpdater } from './polls/live.js';
import type { PollSecret } from './polls/records.js';
import { cmd } from './text.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Everything the core needs, passed in once to `createBot` (tests hand in fakes). */
export interface CoreDeps {
  store: Store;
  logger: Logger;
  clock: Clock;
  checklist: Checklist;
  help: HelpText;
  /** The knowledge base: topics and the question search over them. */
  knowledge: KnowledgeIndex;
  /** Random source for ids; tests may fix it. */
  random?: (() => number) | undefined;
  /** Commands per user per minute (buttons have their own, higher allowance). Default 20. */
  rateLimitPerMinute?: number | undefined;
  /** The window that allowance counts over, in ms (whole seconds); tests shorten it. Default one minute. */
  rateWindowMs?: number | undefined;
  /** Events handled at the same time; later ones wait their turn. Default 64. */
  maxConcurrent?: number | undefined;
  /** Events in flight at once, waiting for a turn included; past it a sender is told the bot is busy. Default 1,000. */
  maxInFlight?: number | undefined;
  /** Key for anonymous poll voters' hashes (POLL_SECRET); unset means a random key kept in the store. */
  pollSecret?: string | undefined;
}

/** The adapters' outboxes by platform, given to `bot.start`. */
export class OutboxRegistry {
  private readonly byPlatform = new Map<Platform, Outbox>();

  register(outbox: Outbox): void {
    this.byPlatform.set(outbox.platform, outbox);
  }

  get(platform: Platform): Outbox | undefined {
    return this.byPlatform.get(platform);
  }
}

/** What one bot builds from its deps and shares between the events it handles. */
export interface Services extends CoreDeps {
  readonly records: Records;
  readonly outboxes: OutboxRegistry;
  readonly live: LiveUpdater;
  readonly secret: PollSecret;
}

/** One incoming event being handled. */
export interface Context {
  readonly incoming: Incoming;
  readonly deps: Services;
  /** `platform:workspace:channel[:thread]` of the incoming event. */
  readonly key: string;
  readonly log: Logger;
  /** A debug line with the event's bindings; the per-event child logger is built only when debug is on. */
  debug(fields: Record<string, unknown>, message: string): void;
  reply(reply: Reply): Promise<MessageHandle | undefined>;
  /** A short message only the sender sees. */
  tell(text: string): Promise<void>;
  /** Tells the sender the catalogue's text for `code`. */
  refuse(code: CatalogueCode, said?: Omit<Said, 'cmd'>): Promise<void>;
  /** The catalogue's text for `code`, with this conversation's command prefix. */
  say(code: CatalogueCode, said?: Omit<Said, 'cmd'>): string;
  /**
   * Waits for `work` once this event's turn is over: the event still counts as handled only when
   * `work` is done, but other events may take the turn meanwhile. For waits on work shared with
   * other events, such as a poll's live edit, which may pause a second to gather votes.
   */
  afterTurn(work: Promise<void>): void;
}

/** `later` collects the work passed to `afterTurn`; whoever handles the event awaits it. */
export function createContext(incoming: Incoming, deps: Services, respond: Responder, later: Array<Promise<void>> = []): Context {
  const key = conversationKey(incoming.conversation);
  let log: Logger | undefined;
  const text = (code: CatalogueCode, said: Omit<Said, 'cmd'> = {}) =>
    say(code, { ...said, cmd: (c) => cmd(incoming.commandPrefix, c) });
  const tell = async (t: string) => void (await respond.send({ sections: [t], ephemeral: true }));
  return {
    incoming,
    deps,
    key,
    // Built on first use: most events log nothing, and this runs for every one of them.
    get log() {
      return (log ??= deps.logger.child({ conversation: key, event: incoming.eventId }));
    },
    debug(fields, message) {
      if (deps.logger.isLevelEnabled('debug')) this.log.debug(fields, message);
    },
    reply: (reply) => respond.send(reply),
    tell,
    refuse: (code, said) => tell(text(code, said)),
    say: text,
    afterTurn(work) {
      later.push(work);
    },
  };
}
