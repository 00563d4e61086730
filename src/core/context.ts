import type { Logger } from 'pino';
import type { Store } from '../state/store.js';
import type { Checklist } from './checklist/definition.js';
import type { HelpText } from './help.js';
import type { KnowledgeIndex } from './knowledge/search.js';
import { conversationKey, type Incoming, type MessageHandle, type Reply, type Responder } from './messages.js';

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
}

export function createContext(incoming: Incoming, deps: CoreDeps, respond: Responder): Context {
  const key = conversationKey(incoming.conversation);
  return {
    incoming,
    deps,
    key,
    log: deps.logger.child({ conversation: key, event: incoming.eventId }),
    reply: (reply) => respond.send(reply),
    async tell(text) {
      await respond.send({ sections: [text], ephemeral: true });
    },
  };
}

export type CommandHandler<C> = (ctx: Context, command: C) => Promise<void>;
/** Handles one button action; `value` is the button's value as the platform returned it (untrusted). */
export type ActionHandler = (ctx: Context, value: string) => Promise<void>;
