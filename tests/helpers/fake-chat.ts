import type { Conversation, Incoming, MessageHandle, Outbox, Reply, Responder } from '../../src/core/messages.js';

/** A responder that records every reply and hands out message ids, like an adapter would. */
export class RecordingResponder implements Responder {
  readonly replies: Reply[] = [];
  private next = 0;

  constructor(private readonly conversation: Conversation) {}

  async send(reply: Reply): Promise<MessageHandle | undefined> {
    this.replies.push(reply);
    return reply.ephemeral ? undefined : { conversation: this.conversation, messageId: `msg-${++this.next}` };
  }

  get last(): Reply | undefined {
    return this.replies.at(-1);
  }

  /** All visible text of every reply, for simple assertions. */
  text(): string {
    return this.replies.map(replyText).join('\n---\n');
  }
}

export function replyText(reply: Reply): string {
  return [reply.title ?? '', ...reply.sections, reply.context ?? ''].join('\n');
}

/** An outbox that records posts and updates. */
export class RecordingOutbox implements Outbox {
  readonly platform = 'console' as const;
  readonly posts: Array<{ conversation: Conversation; reply: Reply }> = [];
  readonly updates: Array<{ message: MessageHandle; reply: Reply }> = [];
  private next = 0;

  async post(conversation: Conversation, reply: Reply): Promise<MessageHandle> {
    this.posts.push({ conversation, reply });
    return { conversation, messageId: `out-${++this.next}` };
  }

  async update(message: MessageHandle, reply: Reply): Promise<void> {
    this.updates.push({ message, reply });
  }
}

export const teamChannel: Conversation = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', isDirect: false };
export const directChat: Conversation = { platform: 'slack', workspaceId: 'T1', channelId: 'D1', isDirect: true };

let eventCounter = 0;

export interface Person {
  id: string;
  name: string;
  isAdmin?: boolean;
}

export const alice: Person = { id: 'U_ALICE', name: 'Alice' };
export const bob: Person = { id: 'U_BOB', name: 'Bob' };
export const carol: Person = { id: 'U_CAROL', name: 'Carol' };
export const admin: Person = { id: 'U_ADMIN', name: 'Ada', isAdmin: true };

/** A typed message from `who` in `conversation`. */
export function says(who: Person, text: string, conversation: Conversation = teamChannel): Incoming {
  return {
    eventId: `ev-${++eventCounter}`,
    conversation,
    sender: { id: who.id, name: who.name, isAdmin: async () => who.isAdmin ?? false },
    kind: conversation.isDirect ? 'direct' : 'command',
    text,
    commandPrefix: '/rustgo ',
  };
}

/** `who` pressing a button with this action and value. */
export function presses(who: Person, action: string, value: string, conversation: Conversation = teamChannel): Incoming {
  return {
    eventId: `ev-${++eventCounter}`,
    conversation,
    sender: { id: who.id, name: who.name, isAdmin: async () => who.isAdmin ?? false },
    kind: 'button',
    text: '',
    commandPrefix: '/rustgo ',
    button: { action, value },
  };
}
