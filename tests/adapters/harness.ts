import type { Incoming, MessageHandle, MessageHandler, Outbox, Reply, Responder } from '../../src/core/messages.js';

/**
 * The vocabulary of the adapter contract (see contract.ts): what each platform's harness offers,
 * what a fake platform received (as neutral observations), and a handler that records what the
 * adapter delivered and answers with scripted replies, so the contract tests adapters, not the core.
 */

/** Where a person can address the bot. */
export type Place = 'channel' | 'thread' | 'direct';

/** A conversation as the neutral model names it, as far as the harness knows where it delivered. */
export interface Where {
  readonly workspaceId: string;
  readonly channelId: string;
  readonly threadId?: string | undefined;
  readonly isDirect: boolean;
}

/** A capability the platform has (`true`) or lacks, with the reason it lacks it. */
export type Capability = true | { readonly unsupported: string };

export interface Capabilities {
  /** Where a person's message (mention or DM) reaches the bot. */
  readonly messagePlaces: readonly Place[];
  /** Where a slash command can be used; empty when the platform has none. */
  readonly commandPlaces: readonly Place[];
  /** Messages by the bot itself and by other bots arrive at the adapter (and must be ignored there). */
  readonly foreignAuthors: Capability;
  /** The platform may deliver the same event again (retries, gateway replays), and the harness can. */
  readonly redelivery: Capability;
  /** A reply to a plain message (not a command or button) can be shown to the asker alone. */
  readonly ephemeralMessageReplies: Capability;
  /** A posted message can be edited in place (`outbox.update`, `replaceOriginal`). */
  readonly editsInPlace: Capability;
  /** Conversations live in separate workspaces (Slack teams, Discord guilds). */
  readonly workspaces: Capability;
}

/** One message (or edit, or upload) as the fake platform received it, in neutral terms. */
export interface Observed {
  /** The platform's id for the message (Slack ts, Discord snowflake, console `m3`), when it has one. */
  readonly messageId?: string | undefined;
  /** The id of the message this call edits or replaces. */
  readonly edits?: string | undefined;
  /** Where it landed. Unknown workspace or thread parts are left out by the harness, never guessed. */
  readonly where: Where;
  /** Shown to one person only. */
  readonly ephemeral: boolean;
  /** Every piece of visible text (title, sections, context), platform markup left as sent. */
  readonly text: string;
  /** Button labels, in order. */
  readonly buttons: readonly string[];
  /** Attached files; `content` contains the file's bytes as text (it may carry upload framing). */
  readonly files: readonly { readonly name: string; readonly content: string }[];
  /** What in this message would notify people (`<!channel>`, an allowed `@everyone`, a user ping…). */
  readonly pings: readonly string[];
  /** Documented platform limits this message breaks: the real platform would reject it. */
  readonly violations: readonly string[];
}

/** One delivery of a platform payload, so that it can be delivered again. */
export interface Delivery {
  /** Where the person spoke, in neutral terms. */
  readonly where: Where;
  readonly redeliver?: (() => Promise<void>) | undefined;
}

export type Person = 1 | 2;

/** One platform's real adapter over its fake platform, as the contract drives it. */
export interface ContractHarness {
  readonly capabilities: Capabilities;
  readonly handler: RecordingHandler;
  readonly outbox: Outbox;
  /** Text a person could type that would notify everyone if the bot repeated it verbatim. */
  readonly pingText: string;
  /** A person (1 or 2) addresses the bot with a message (mention or DM) or a slash command. */
  deliver(input: { text: string; place: Place; via: 'message' | 'command'; person?: Person }): Promise<Delivery>;
  /** The bot's own message, or another bot's, mentioning the bot. Absent when `foreignAuthors` is unsupported. */
  deliverFromBot?: ((author: 'self' | 'other bot', text: string, place: Place) => Promise<void>) | undefined;
  /** A person presses the button with this label on a message the platform received. */
  press(message: Observed, label: string, person?: Person): Promise<Delivery>;
  /** Everything the platform receives from now on: call the result to read it. */
  watch(): () => readonly Observed[];
  /**
   * Resolves once the adapter has received everything delivered so far and finished answering it
   * (its own `idle()`): what a test awaits before asserting that nothing (more) happened.
   */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface Handled {
  readonly incoming: Incoming;
  /** What `respond.send` resolved to, one per scripted reply. */
  readonly handles: readonly (MessageHandle | undefined)[];
  readonly error?: unknown;
}

/** Text that starts a harness's own barrier message (see `RecordingHandler.fence`). */
export const FENCE = 'contractfence';

/** Records every Incoming and answers it with `script(incoming)`, one `respond.send` at a time. */
export class RecordingHandler implements MessageHandler {
  readonly handled: Handled[] = [];
  script: (incoming: Incoming) => readonly Reply[] = () => [];
  private readonly waiters = new Set<() => void>();
  private readonly fences = new Map<string, () => void>();

  async handle(incoming: Incoming, respond: Responder): Promise<void> {
    // A harness's barrier: never recorded, never answered; it proves what was sent before it arrived.
    if (incoming.text.includes(FENCE)) {
      for (const [text, pass] of this.fences) if (incoming.text.includes(text)) pass();
      return;
    }
    const handles: (MessageHandle | undefined)[] = [];
    try {
      for (const reply of this.script(incoming)) handles.push(await respond.send(reply));
      this.record({ incoming, handles });
    } catch (error) {
      this.record({ incoming, handles, error });
      throw error;
    }
  }

  get seen(): Incoming[] {
    return this.handled.map((h) => h.incoming);
  }

  /** Resolves with the first event handled after `mark` (a count of `handled`), once its replies are sent. */
  async next(mark: number, timeoutMs = 5_000): Promise<Handled> {
    const deadline = Date.now() + timeoutMs;
    while (this.handled.length <= mark) {
      if (Date.now() > deadline) throw new Error(`no event reached the handler within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
        setTimeout(wake, 50);
      });
    }
    return this.handled[mark] as Handled;
  }

  /** Resolves when a message containing `text` (which must start with FENCE) reaches the handler. */
  fence(text: string, timeoutMs = 5_000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fences.delete(text);
        reject(new Error(`the barrier message ${text} did not reach the handler within ${timeoutMs} ms`));
      }, timeoutMs);
      this.fences.set(text, () => {
        clearTimeout(timer);
        this.fences.delete(text);
        resolve();
      });
    });
  }

  private record(entry: Handled): void {
    this.handled.push(entry);
    for (const wake of [...this.waiters]) wake();
  }
}

/** Polls `read` until `match` finds something, or fails naming `what`. */
export async function eventually<T>(read: () => readonly T[], match: (t: T) => boolean, what: string, timeoutMs = 4_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = read().find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; saw ${JSON.stringify(read().map((o) => o), null, 1).slice(0, 2_000)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Where as a comparable value (undefined thread left out). */
export function placeOf(where: Where): Where {
  return { workspaceId: where.workspaceId, channelId: where.channelId, ...(where.threadId ? { threadId: where.threadId } : {}), isDirect: where.isDirect };
}
