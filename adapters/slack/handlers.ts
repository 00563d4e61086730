import type { RespondFn } from '@slack/bolt';
import type { Conversation, ConversationAccess, MessageHandler } from '../../src/core/messages.js';
import { notInPrivateConversation } from '../../src/core/notices.js';
import type { AckSlot } from './ack-slot.js';
import type { Delivery } from './deliver.js';
import type { Identity } from './identity.js';
import { unnamedUsers } from './markup.js';
import { renderReply } from './render.js';
import { actionIncoming, commandIncoming, commandPlace, eventIncoming, ignoredMessage, type ActionBody, type CommandBody, type MessageCallback } from './translate.js';
import type { People } from './users.js';
import { channelLabel } from './visibility.js';

export interface HandlerDeps {
  handler: MessageHandler;
  delivery: Delivery;
  people: People;
  identity: () => Identity;
  isOwnDm: (channelId: string, userId: string) => Promise<boolean>;
  onIgnored: (what: string) => void;
  /** What this person may see, for the decision log (users.conversations, asked only when needed). */
  accessOf: (userId: string) => ConversationAccess;
  /** The person's DM with the bot: a press in the Home view carries no channel and is answered there. */
  directTo: (userId: string) => Promise<Conversation | undefined>;
}

/** Checked Slack payloads → the core, with the replies routed back through `delivery`. */
export function createHandlers(deps: HandlerDeps) {
  const { delivery, people } = deps;

  /** Display names of the people a text mentions without a name, looked up only when there are any. */
  async function namesIn(text: string | undefined): Promise<Map<string, string>> {
    const ids = [...new Set(unnamedUsers(text ?? ''))].slice(0, 20);
    if (ids.length === 0) return new Map();
    return new Map(await Promise.all(ids.map(async (id) => [id, await people.name(id)] as const)));
  }

  async function refuse(respond: RespondFn | undefined, slot: AckSlot): Promise<void> {
    const notice = notInPrivateConversation(deps.identity().name);
    if (!(await slot.answer(notice))) await respond?.({ response_type: 'ephemeral', replace_original: false, ...renderReply(notice) });
  }

  return {
    async command(body: CommandBody, respond: RespondFn | undefined, slot: AckSlot): Promise<void> {
      const place = commandPlace(body);
      if (place === 'group-direct-message') return refuse(respond, slot);
      const isDirect = place === 'direct-message';
      if (isDirect && !(await deps.isOwnDm(body.channel_id, body.user_id))) return refuse(respond, slot);
      const sender = await people.sender(body.user_id, body.user_name);
      const found = commandIncoming(body, sender, isDirect, deps.identity().name, await namesIn(body.text));
      const incoming = { ...found, access: deps.accessOf(body.user_id), conversationName: channelLabel(body.channel_name) };
      await deps.handler.handle(incoming, delivery.responder({ conversation: incoming.conversation, userId: body.user_id, respond, slot }));
    },

    async message({ event, eventId, teamId }: MessageCallback): Promise<void> {
      const me = deps.identity();
      if (ignoredMessage(event, me.userId) || !event.user) return;
      const sender = await people.sender(event.user);
      const found = eventIncoming(event, eventId, teamId, sender, me.userId, me.name, await namesIn(event.text));
      const incoming = { ...found, access: deps.accessOf(sender.id) };
      await deps.handler.handle(incoming, delivery.responder({ conversation: incoming.conversation, userId: sender.id }));
    },

    async action(body: ActionBody, respond: RespondFn | undefined): Promise<void> {
      const sender = await people.sender(body.user.id, body.user.name ?? body.user.username);
      // A press in the Home view carries no channel: it is answered in the person's DM with the bot.
      const dm = body.channel?.id || body.container?.channel_id ? undefined : await deps.directTo(body.user.id);
      const found = actionIncoming(dm ? { ...body, channel: { id: dm.channelId } } : body, sender);
      if (!found) return deps.onIgnored('a button press without channel or team');
      const incoming = { ...found, access: deps.accessOf(sender.id), conversationName: channelLabel(body.channel?.name) };
      const ts = body.message?.ts ?? body.container?.message_ts;
      const pressed = ts ? { ts, ephemeral: Boolean(body.container?.is_ephemeral) } : undefined;
      await deps.handler.handle(incoming, delivery.responder({ conversation: incoming.conversation, userId: sender.id, respond, pressed }));
    },
  };
}

export type Handlers = ReturnType<typeof createHandlers>;
