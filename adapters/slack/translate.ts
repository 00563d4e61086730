import type { Conversation, Incoming, Sender } from '../../src/core/messages.js';
import { decodeActionId } from './render.js';

/**
 * Slack payloads → neutral `Incoming` values, pure. Only the fields RustGo reads are typed here;
 * Bolt hands us the raw bodies.
 */

export interface CommandBody {
  team_id: string;
  channel_id: string;
  channel_name?: string;
  user_id: string;
  user_name?: string;
  text?: string;
  trigger_id: string;
  response_url?: string;
  command?: string;
}

export interface MessageEvent {
  type: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  team?: string;
}

export interface ActionBody {
  team?: { id: string } | null;
  user: { id: string; name?: string; username?: string; team_id?: string };
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean };
  message?: { ts: string; thread_ts?: string };
  trigger_id?: string;
  response_url?: string;
  actions: Array<{ action_id: string; value?: string; action_ts?: string }>;
}

/** Where a command came from, as far as the bot can take part there. */
export type CommandPlace = 'channel' | 'direct-message' | 'group-direct-message';

export function commandPlace(body: CommandBody): CommandPlace {
  if (body.channel_name === 'directmessage' || body.channel_id.startsWith('D')) return 'direct-message';
  if (body.channel_name?.startsWith('mpdm-')) return 'group-direct-message';
  return 'channel';
}

export function commandIncoming(body: CommandBody, sender: Sender, isDirect: boolean, botName: string): Incoming {
  return {
    eventId: `command:${body.trigger_id}`,
    conversation: { platform: 'slack', workspaceId: body.team_id, channelId: body.channel_id, isDirect },
    sender,
    kind: 'command',
    text: (body.text ?? '').trim(),
    commandPrefix: `${body.command ?? `/${botName.toLowerCase()}`} `,
  };
}

/** Removes the bot's own mention (`<@U123>` or `<@U123|name>`) wherever it appears. */
export function stripMention(text: string, botUserId: string): string {
  return text
    .replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A thread id only for replies inside a thread: a thread's parent has `thread_ts === ts`
 * and belongs to the channel itself.
 */
export function threadOf(ts: string | undefined, threadTs: string | undefined): string | undefined {
  return threadTs && threadTs !== ts ? threadTs : undefined;
}

/** True for messages the bot must not answer: other bots, itself, edits, joins and other subtypes. */
export function ignoredMessage(event: MessageEvent, botUserId: string | undefined): boolean {
  return Boolean(event.bot_id || event.subtype || !event.user || event.user === botUserId);
}

export function eventIncoming(
  event: MessageEvent,
  eventId: string,
  teamId: string,
  sender: Sender,
  botUserId: string,
  botName: string,
): Incoming {
  const isDirect = event.channel_type === 'im' || event.channel.startsWith('D');
  // A mention starts or continues a thread's conversation: a mention inside a thread belongs to it.
  const threadId = event.thread_ts;
  const conversation: Conversation = { platform: 'slack', workspaceId: teamId, channelId: event.channel, threadId, isDirect };
  return {
    eventId: `event:${eventId}`,
    conversation,
    sender,
    kind: isDirect ? 'direct' : 'mention',
    text: stripMention(event.text ?? '', botUserId),
    commandPrefix: isDirect ? '' : `@${botName} `,
  };
}

export function actionIncoming(body: ActionBody, sender: Sender): Incoming | undefined {
  const action = body.actions[0];
  const channelId = body.channel?.id ?? body.container?.channel_id;
  const teamId = body.team?.id ?? body.user.team_id;
  if (!action || !channelId || !teamId) return undefined;
  const ts = body.message?.ts ?? body.container?.message_ts;
  const threadId = threadOf(ts, body.message?.thread_ts ?? body.container?.thread_ts);
  return {
    // Unique per press: Slack gives each press its own trigger_id and action_ts.
    eventId: `button:${body.trigger_id ?? `${action.action_ts}:${body.user.id}`}`,
    conversation: { platform: 'slack', workspaceId: teamId, channelId, threadId, isDirect: channelId.startsWith('D') },
    sender,
    kind: 'button',
    text: '',
    commandPrefix: '/rustgo ',
    button: { action: decodeActionId(action.action_id), value: action.value ?? '' },
  };
}
