import { z } from 'zod';
import type { Conversation, Incoming, Sender } from '../../src/core/messages.js';
import { escapeRegExp, stripMention as stripAnyMention } from '../shared/mention.js';
import { decodeSlackText } from './markup.js';
import { decodeActionId } from './render.js';

/**
 * Slack payloads → neutral `Incoming` values, pure. Bolt hands us parsed but unchecked bodies, so
 * the fields RustGo reads are checked here with zod, at the edge, before anything acts on them.
 * Unknown fields are dropped; Slack adds fields over time and that must not break us.
 */

/** Slack ids (`U…`, `C…`, `T…`, `D…`) are short; a bound keeps junk out of logs and keys. */
const slackId = z.string().min(1).max(64);
/** Message timestamps such as `1700000000.000100`; they name messages and threads. */
const messageTs = z.string().min(1).max(32);
/** Slack cuts a message at 40,000 characters; nothing a person typed is longer. */
const typedText = z.string().max(40_000);
/**
 * Slash command text is not cut by Slack; Bolt's 4 MB body limit bounds it. It goes on so that the
 * core can tell the user it is too long (a silent drop was issue 10, item 13).
 */
const commandText = z.string().max(4 * 1024 * 1024);
/** Optional fields Slack sometimes sends as `null`; both read as absent. */
const optional = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((v) => v ?? undefined)
    .optional();

export const commandBodySchema = z.object({
  team_id: slackId,
  channel_id: slackId,
  channel_name: optional(z.string().max(256)),
  user_id: slackId,
  user_name: optional(z.string().max(256)),
  text: optional(commandText),
  trigger_id: z.string().min(1).max(256),
  response_url: optional(z.string().max(2_048)),
  command: optional(z.string().min(1).max(64)),
});
export type CommandBody = z.infer<typeof commandBodySchema>;

export const messageEventSchema = z
  .object({
    type: z.string().min(1).max(64),
    user: optional(slackId),
    bot_id: optional(z.string().max(64)),
    subtype: optional(z.string().max(64)),
    text: optional(typedText),
    channel: slackId,
    channel_type: optional(z.string().max(32)),
    ts: messageTs,
    thread_ts: optional(messageTs),
    team: optional(slackId),
  })
  .refine((e) => e.bot_id || e.subtype || e.user, { path: ['user'], message: 'a person’s message needs a user' });
export type MessageEvent = z.infer<typeof messageEventSchema>;

const eventCallbackSchema = z.object({
  event_id: z.string().min(1).max(128),
  team_id: slackId,
  event: messageEventSchema,
});

export const actionBodySchema = z.object({
  team: optional(z.object({ id: slackId })),
  user: z.object({
    id: slackId,
    name: optional(z.string().max(256)),
    username: optional(z.string().max(256)),
    team_id: optional(slackId),
  }),
  channel: optional(z.object({ id: slackId, name: optional(z.string().max(256)) })),
  container: optional(
    z.object({
      channel_id: optional(slackId),
      message_ts: optional(messageTs),
      thread_ts: optional(messageTs),
      is_ephemeral: optional(z.boolean()),
    }),
  ),
  message: optional(z.object({ ts: messageTs, thread_ts: optional(messageTs) })),
  trigger_id: optional(z.string().min(1).max(256)),
  response_url: optional(z.string().max(2_048)),
  // Block Kit's own limits: action_id 255 and a button value 2,000 characters.
  actions: z
    .array(z.object({ action_id: z.string().min(1).max(255), value: optional(z.string().max(2_000)), action_ts: optional(z.string().max(32)) }))
    .min(1)
    .max(25),
});
export type ActionBody = z.infer<typeof actionBodySchema>;

/** A checked payload, or what is wrong with it as `path: code` lines (never the values: they may hold user text). */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly string[] };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: result.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(body)'}: ${i.code}`) };
}

export const parseCommand = (raw: unknown): Parsed<CommandBody> => parseWith(commandBodySchema, raw);
export const parseAction = (raw: unknown): Parsed<ActionBody> => parseWith(actionBodySchema, raw);

/** A mention or DM event with its envelope's event id and team. */
export interface MessageCallback {
  readonly eventId: string;
  readonly teamId: string;
  readonly event: MessageEvent;
}

export function parseMessageCallback(raw: unknown): Parsed<MessageCallback> {
  const parsed = parseWith(eventCallbackSchema, raw);
  return parsed.ok ? { ok: true, value: { eventId: parsed.value.event_id, teamId: parsed.value.team_id, event: parsed.value.event } } : parsed;
}

/** The payload kinds the adapter acts on, as Bolt tells them apart. */
export type PayloadKind = 'command' | 'mention' | 'direct message' | 'button' | 'event';

function kindOf(body: Record<string, unknown>): PayloadKind | undefined {
  if (body.command !== undefined) return 'command';
  if (body.type === 'block_actions') return 'button';
  if (body.type !== 'event_callback') return undefined;
  const event = body.event as Record<string, unknown> | null | undefined;
  // A callback without an event cannot be routed at all (Bolt would answer 404 and Slack retry).
  if (typeof event !== 'object' || event === null || typeof event.type !== 'string') return 'event';
  if (event.type === 'app_mention') return 'mention';
  // Mentions arrive as app_mention; only the bot's own DM is read as plain messages.
  if (event?.type === 'message' && event.channel_type === 'im') return 'direct message';
  return undefined;
}

/** A payload the adapter acts on, read through its schema. */
export type CheckedPayload =
  | { readonly kind: 'command'; readonly command: CommandBody }
  | { readonly kind: 'button'; readonly action: ActionBody }
  | { readonly kind: 'mention' | 'direct message'; readonly message: MessageCallback };

/** The outcome of checking a payload: its checked value, or its kind and what is wrong with it. */
export type Checked = { readonly ok: true; readonly payload: CheckedPayload } | { readonly ok: false; readonly kind: PayloadKind; readonly issues: readonly string[] };

/**
 * Checks a payload the adapter would act on, once per delivery: the gate keeps the value for the
 * router, so a body is never parsed twice. Undefined for anything the adapter does not read (Bolt
 * deals with those as before).
 */
export function checkPayload(body: unknown): Checked | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const kind = kindOf(body as Record<string, unknown>);
  if (!kind) return undefined;
  if (kind === 'event') return { ok: false, kind, issues: ['event: invalid_type'] };
  if (kind === 'command') return checked(kind, parseCommand(body), (command) => ({ kind, command }));
  if (kind === 'button') return checked(kind, parseAction(body), (action) => ({ kind, action }));
  return checked(kind, parseMessageCallback(body), (message) => ({ kind, message }));
}

function checked<T>(kind: PayloadKind, parsed: Parsed<T>, payload: (value: T) => CheckedPayload): Checked {
  return parsed.ok ? { ok: true, payload: payload(parsed.value) } : { ok: false, kind, issues: parsed.issues };
}

/** Where a command came from, as far as the bot can take part there. */
export type CommandPlace = 'channel' | 'direct-message' | 'group-direct-message';

export function commandPlace(body: CommandBody): CommandPlace {
  if (body.channel_name === 'directmessage' || body.channel_id.startsWith('D')) return 'direct-message';
  if (body.channel_name?.startsWith('mpdm-')) return 'group-direct-message';
  return 'channel';
}

export function commandIncoming(body: CommandBody, sender: Sender, isDirect: boolean, botName: string, names?: ReadonlyMap<string, string>): Incoming {
  return {
    eventId: `command:${body.trigger_id}`,
    conversation: { platform: 'slack', workspaceId: body.team_id, channelId: body.channel_id, isDirect },
    sender,
    kind: 'command',
    text: decodeSlackText(body.text ?? '', names).trim(),
    commandPrefix: `${body.command ?? `/${botName.toLowerCase()}`} `,
  };
}

/** Removes the bot's own mention (`<@U123>` or `<@U123|name>`) wherever it appears. */
export function stripMention(text: string, botUserId: string): string {
  return stripAnyMention(text, new RegExp(`<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`, 'g'));
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
  names?: ReadonlyMap<string, string>,
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
    text: decodeSlackText(stripMention(event.text ?? '', botUserId), names),
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
