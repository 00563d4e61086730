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
   * Workspace or guild administrator: may close others' polls and end others' checklists. A method so
   * that an adapter looks it up only when the core asks (Slack's users.info).
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
}

export type ButtonStyle = 'primary' | 'danger' | 'default';

export interface Button {
  /** At most 80 characters (Discord's limit); adapters trim longer ones. */
  readonly label: string;
  /** Short dotted name such as `checklist.answer`; see src/core/actions.ts. */
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
 * Text uses a tiny markup every adapter understands: `**bold**`, `_italic_`, `` `code` `` and
 * lines beginning with `• `. Text from users is passed through `userText()` before it lands here.
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
}
