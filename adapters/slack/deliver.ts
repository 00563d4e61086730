import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import type { Conversation, FileAttachment, MessageHandle, Reply, Responder } from '../../src/core/messages.js';
import { notInChannel } from '../../src/core/notices.js';
import type { AckSlot } from './ack-slot.js';
import { renderReply } from './render.js';

type WebClient = webApi.WebClient;

/** Where the replies to one incoming event go. */
export interface Target {
  readonly conversation: Conversation;
  readonly userId: string;
  /** Bolt's `response_url` sender; present for slash commands and buttons. */
  readonly respond?: RespondFn | undefined;
  /** The message whose button was pressed. */
  readonly pressed?: { readonly ts: string; readonly ephemeral: boolean } | undefined;
  /** A slash command's ack, while a reply may still travel in it. */
  readonly slot?: AckSlot | undefined;
}

/** The Slack error code of a Web API platform error (`{ ok: false, error }`), if that is what `err` is. */
export function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

/** What the delivery functions share: the Web API client, the log, and `call`, which reports a missing scope. */
interface Api {
  client: WebClient;
  log: Logger;
  call: <T>(method: string, fn: () => Promise<T>) => Promise<T>;
}

/** `note` logs a missing scope once per scope, saying what to add; `call` runs a Web API call and notes its failure. */
function scopeReporter(log: Logger) {
  const reportedScopes = new Set<string>();

  /** Logs a missing scope once per scope, saying what to add, so an operator can fix the app. */
  function note(err: unknown, method: string): void {
    if (slackErrorCode(err) !== 'missing_scope') return;
    const needed = String((err as { data?: { needed?: string } }).data?.needed ?? 'unknown');
    if (reportedScopes.has(needed)) return;
    reportedScopes.add(needed);
    log.error(
      { method, needed },
      `Slack refused ${method}: the app lacks the "${needed}" scope. Add it under OAuth & Permissions (or in adapters/slack/manifest.yml) and reinstall the app.`,
    );
  }

  async function call<T>(method: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      note(err, method);
      throw err;
    }
  }

  return { note, call };
}

async function upload({ client, call }: Api, conversation: Conversation, files: readonly FileAttachment[] | undefined): Promise<void> {
  if (!files?.length) return;
  await call('files.uploadV2', () =>
    client.files.uploadV2({
      channel_id: conversation.channelId,
      ...(conversation.threadId ? { thread_ts: conversation.threadId } : {}),
      file_uploads: files.map((f) => ({ file: Buffer.from(f.content, 'utf8'), filename: f.name, title: f.name })),
    }),
  );
}

async function post(api: Api, conversation: Conversation, reply: Reply): Promise<MessageHandle | undefined> {
  const message = renderReply(reply);
  const res = await api.call('chat.postMessage', () =>
    api.client.chat.postMessage({
      channel: conversation.channelId,
      // A reply to a message lives in its thread.
      ...(conversation.threadId || reply.inReplyTo ? { thread_ts: conversation.threadId ?? reply.inReplyTo } : {}),
      ...message,
      unfurl_links: false,
      unfurl_media: false,
    }),
  );
  await upload(api, conversation, reply.files);
  return res.ts ? { conversation, messageId: res.ts } : undefined;
}

async function update(api: Api, handle: MessageHandle, reply: Reply): Promise<void> {
  const message = renderReply(reply);
  await api.call('chat.update', () => api.client.chat.update({ channel: handle.conversation.channelId, ts: handle.messageId, ...message }));
  await upload(api, handle.conversation, reply.files);
}

async function ephemeral(api: Api, target: Target, reply: Reply): Promise<void> {
  const message = renderReply(reply);
  if (reply.files?.length) api.log.warn({ files: reply.files.length }, 'files of an ephemeral reply are not uploaded');
  if (target.respond) {
    await target.respond({ response_type: 'ephemeral', replace_original: false, ...message });
  } else if (target.conversation.isDirect) {
    // In the bot's own DM only the user sees the message anyway, and it does not vanish.
    await post(api, target.conversation, { ...reply, files: undefined });
  } else {
    const { channelId, threadId } = target.conversation;
    await api.call('chat.postEphemeral', () =>
      api.client.chat.postEphemeral({ channel: channelId, user: target.userId, ...(threadId ? { thread_ts: threadId } : {}), ...message }),
    );
  }
}

async function send(api: Api, target: Target, reply: Reply): Promise<MessageHandle | undefined> {
  if (target.slot && (await target.slot.answer(reply))) return undefined;
  if (reply.ephemeral) {
    await ephemeral(api, target, reply);
    return undefined;
  }
  const pressed = target.pressed;
  if (reply.replaceOriginal && pressed) {
    if (pressed.ephemeral && target.respond) {
      // An ephemeral message has no ts the Web API can edit; its response_url can replace it.
      await target.respond({ replace_original: true, ...renderReply(reply) });
      return undefined;
    }
    const handle = { conversation: target.conversation, messageId: pressed.ts };
    await update(api, handle, reply);
    return handle;
  }
  return post(api, target.conversation, reply);
}

/** A Responder for one incoming event; when the bot is not in the channel, the asker hears why, once. */
function responder(api: Api, botName: () => string, target: Target): Responder {
  let toldNotMember = false;
  return {
    async send(reply) {
      try {
        return await send(api, target, reply);
      } catch (err) {
        const code = slackErrorCode(err);
        if (code && NOT_A_MEMBER.has(code) && target.respond) {
          if (!toldNotMember) {
            toldNotMember = true;
            api.log.info({ channel: target.conversation.channelId, code }, 'not a member of the channel; told the user');
            await target.respond({ response_type: 'ephemeral', replace_original: false, ...renderReply(notInChannel(botName())) });
          }
          return undefined;
        }
        throw err;
      }
    },
  };
}

/** Posting, editing, ephemeral replies and file uploads through the Web API. */
export function createDelivery(client: WebClient, log: Logger, botName: () => string) {
  const { note, call } = scopeReporter(log);
  const api: Api = { client, log, call };
  return {
    post: (conversation: Conversation, reply: Reply) => post(api, conversation, reply),
    update: (handle: MessageHandle, reply: Reply) => update(api, handle, reply),
    responder: (target: Target) => responder(api, botName, target),
    note,
  };
}

export type Delivery = ReturnType<typeof createDelivery>;
