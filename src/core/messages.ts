/**
 * The neutral message model. Adapters translate platform events into `Incoming` and render
 * `Reply` values; nothing here knows about Slack, Discord or a terminal beyond its name.
 */

export type Platform = 'slack' | 'discord' | 'console';

/** Where a message lives. `threadId` is set for a thread inside a channel. */
export interface Conversation {
  readonly platform: Platform;
  /** Slack team id, Discord guild id (`@dm` for Discord DMs), `local` for the console. */
  readonly workspaceId: string;
  readonly channelId: string;
  readonly threadId?: string | undefined;
  /** A one-to-one conversation between a person and the bot. */
  readonly isDirect: boolean;
}

export interface Sender {
  readonly id: string;
  readonly name: string;
  /**
   * Workspace or guild administrator: may close others' polls and end others' checklists. A method,
   * so an adapter looks it up (Slack's users.info) only when the core asks.
   */
  isAdmin(): Promise<boolean>;
}

export type IncomingKind = 'command' | 'mention' | 'direct' | 'button';

export interface Incoming {
  /** Platform event or interaction id; a repeated id is answered once. */
  readonly eventId: string;
  readonly conversation: Conversation;
  readonly sender: Sender;
  readonly kind: IncomingKind;
  /** The user's text with the bot's own mention removed; empty for buttons. */
  readonly text: string;
  /** How a user addresses the bot here, used in help and hints: `/rustgo `, `@RustGo `, or `` in a terminal. */
  readonly commandPrefix: string;
  /** Set when kind is `button`. */
  readonly button?: { readonly action: string; readonly value: string } | undefined;
  /** The conversation's human name (`#billing`), when the platform gives it; decisions use it as a subject. */
  readonly conversationName?: string | undefined;
  /**
   * What the sender may read elsewhere, asked only by features that list other conversations'
   * records (decisions, polls). Absent: the sender sees the current conversation only.
   */
  readonly access?: ConversationAccess | undefined;
}

/** An adapter's answer to "which of these conversations may this person read?" */
export interface ConversationAccess {
  /** One flag per conversation, in order: true when the person may read it (a public channel or one they belong to). */
  canSee(conversations: readonly Conversation[]): Promise<readonly boolean[]>;
}

/** A person looking at something outside any conversation (Slack's App Home). */
export interface Viewer {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly userId: string;
  readonly access?: ConversationAccess | undefined;
}

export type ButtonStyle = 'primary' | 'danger' | 'default';

export interface Button {
  /** At most 80 characters (Discord's limit); adapters trim longer ones. */
  readonly label: string;
  /** A short dotted name, defined with its value's format in src/core/actions.ts. */
  readonly action: string;
  /** Opaque to adapters. At most 80 characters so that action and value fit Discord's 100. */
  readonly value: string;
  readonly style?: ButtonStyle | undefined;
}

export interface FileAttachment {
  readonly name: string;
  readonly mimeType: string;
  readonly content: string;
}

/**
 * Text uses a tiny markup every adapter understands: `**bold**`, `_italic_`, `` `code` ``, lines
 * beginning with `• `, and time tokens made by `timeToken()` (a moment each adapter shows in the
 * reader's own time zone: Slack `<!date^…>`, Discord `<t:…:f>`, the console ISO 8601 in UTC).
 * Text from users is passed through `userText()` before it lands here, which also drops the
 * control characters a time token is made of, so a user cannot forge one.
 *
 * A frozen reply (`Object.freeze`, as help is) is sent the same every time: an adapter may keep what
 * it renders from it instead of rendering it again.
 */
export interface Reply {
  readonly title?: string | undefined;
  readonly sections: readonly string[];
  /** Small print under the sections: sources, hints. */
  readonly context?: string | undefined;
  readonly buttons?: readonly Button[] | undefined;
  readonly files?: readonly FileAttachment[] | undefined;
  /** Replaces the message whose button was pressed (only meaningful for button events). */
  readonly replaceOriginal?: boolean | undefined;
  /** Only the person who triggered it should see it, where the platform allows. */
  readonly ephemeral?: boolean | undefined;
  /** The core will edit this message later (a poll, a team checklist step): it must be a real, editable message. */
  readonly live?: boolean | undefined;
  /** Posted as a reply to this message of the same conversation (Slack: in its thread; Discord: a reply). */
  readonly inReplyTo?: string | undefined;
}

/** Start and end of a time token; control characters, so no user text can contain them. */
const TIME_OPEN = '\u0001t';
const TIME_CLOSE = '\u0002';
/** Matches a time token; group 1 is the moment in whole seconds since the epoch. */
export const TIME_TOKEN = /\u0001t(\d{1,12})\u0002/g;

/** A moment (ms since the epoch) as markup that each reader sees in their own time zone. */
export function timeToken(ms: number): string {
  return `${TIME_OPEN}${Math.floor(ms / 1000)}${TIME_CLOSE}`;
}

/** Replaces every time token in `text` with `render(seconds)`. */
export function renderTimes(text: string, render: (seconds: number) => string): string {
  if (!text.includes(TIME_OPEN)) return text;
  return text.replace(TIME_TOKEN, (_, s: string) => render(Number(s)));
}

/** A time token's usual fallback: ISO 8601 in UTC to the minute, `2026-11-29 09:00 UTC`. */
export function isoMinute(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A message the bot posted, enough to edit it later. */
export interface MessageHandle {
  readonly conversation: Conversation;
  readonly messageId: string;
}

/** Given by the adapter for each incoming event: how replies to it are delivered. */
export interface Responder {
  /** Resolves to the posted message when the platform gives it an id (not for ephemeral replies). */
  send(reply: Reply): Promise<MessageHandle | undefined>;
}

/** An adapter's way to post or edit messages that no incoming event asked for (poll deadlines). */
export interface Outbox {
  readonly platform: Platform;
  post(conversation: Conversation, reply: Reply): Promise<MessageHandle | undefined>;
  update(message: MessageHandle, reply: Reply): Promise<void>;
  /** The person's own DM with the bot, where the platform has one; absent or undefined means none. */
  directTo?(workspaceId: string, userId: string): Promise<Conversation | undefined>;
  /** A link to a posted message, where the platform gives one. */
  linkTo?(message: MessageHandle): Promise<string | undefined>;
}

/** The port every adapter implements. */
export interface ChatAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Present when the adapter can post without an incoming event. */
  readonly outbox?: Outbox | undefined;
}

/** Stable key of a conversation: `platform:workspace:channel[:thread]`. */
export function conversationKey(c: Conversation): string {
  const base = `${c.platform}:${c.workspaceId}:${c.channelId}`;
  return c.threadId ? `${base}:${c.threadId}` : base;
}

/** What adapters call: the conversation core. Resolves once every reply has been sent. */
export interface MessageHandler {
  handle(incoming: Incoming, respond: Responder): Promise<void>;
  /** A person's overview (open polls, running checklists, latest decisions) as replies to stack, for a home screen. */
  home?(viewer: Viewer): Promise<readonly Reply[]>;
}
