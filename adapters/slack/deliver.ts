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

/** Posting, editing, ephemeral replies and file uploads through the Web API. */
export function createDelivery(client: WebClient, log: Logger, botName: () => string) {
  const reportedScopes = new Set<string>();

  /** Logs a missing scope once per scope, saying what to add, so an operator can fix the app. */
  function note(err: unknown, method: string): void {
    if (slackErrorCode(err) !== 'missing_scope') return;
    const needed = String((err as { data?: { needed?: unknown } }).data?.needed ?? 'unknown');
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

  async function upload(conversation: Conversation, files: readonly FileAttachment[] | undefined): Promise<void> {
    if (!files?.length) return;
    await call('files.uploadV2', () =>
      client.files.uploadV2({
        channel_id: conversation.channelId,
        ...(conversation.threadId ? { thread_ts: conversation.threadId } : {}),
        file_uploads: files.map((f) => ({ file: Buffer.from(f.content, 'utf8'), filename: f.name, title: f.name })),
      }),
    );
  }

  async function post(conversation: Conversation, reply: Reply): Promise<MessageHandle | undefined> {
    const message = renderReply(reply);
    const res = await call('chat.postMessage', () =>
      client.chat.postMessage({
        channel: conversation.channelId,
        // A reply to a message lives in its thread.
        ...(conversation.threadId || reply.inReplyTo ? { thread_ts: conversation.threadId ?? reply.inReplyTo } : {}),
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    await upload(conversation, reply.files);
    return res.ts ? { conversation, messageId: res.ts } : undefined;
  }

  async function update(handle: MessageHandle, reply: Reply): Promise<void> {
    const message = renderReply(reply);
    await call('chat.update', () => client.chat.update({ channel: handle.conversation.channelId, ts: handle.messageId, ...message }));
    await upload(handle.conversation, reply.files);
  }

  async function ephemeral(target: Target, reply: Reply): Promise<void> {
    const message = renderReply(reply);
    if (reply.files?.length) log.warn({ files: reply.files.length }, 'files of an ephemeral reply are not uploaded');
    if (target.respond) {
      await target.respond({ response_type: 'ephemeral', replace_original: false, ...message });
    } else if (target.conversation.isDirect) {
      // In the bot's own DM only the user sees the message anyway, and it does not vanish.
      await post(target.conversation, { ...reply, files: undefined });
    } else {
      const { channelId, threadId } = target.conversation;
      await call('chat.postEphemeral', () =>
        client.chat.postEphemeral({ channel: channelId, user: target.userId, ...(threadId ? { thread_ts: threadId } : {}), ...message }),
      );
    }
  }

  async function send(target: Target, reply: Reply): Promise<MessageHandle | undefined> {
    if (target.slot && (await target.slot.answer(reply))) return undefined;
    if (reply.ephemeral) {
      await ephemeral(target, reply);
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
      await update(handle, reply);
      return handle;
    }
    return post(target.conversation, reply);
  }

  /** A Responder for one incoming event; when the bot is not in the channel, the asker hears why, once. */
  function responder(target: Target): Responder {
    let toldNotMember = false;
    return {
      async send(reply) {
        try {
          return await send(target, reply);
        } catch (err) {
          const code = slackErrorCode(err);
          if (code && NOT_A_MEMBER.has(code) && target.respond) {
            if (!toldNotMember) {
              toldNotMember = true;
              log.info({ channel: target.conversation.channelId, code }, 'not a member of the channel; told the user');
              await target.respond({ response_type: 'ephemeral', replace_original: false, ...renderReply(notInChannel(botName())) });
            }
            return undefined;
          }
          throw err;
        }
      },
    };
  }

  return { post, update, responder, note };
}

export type Delivery = ReturnType<typeof createDelivery>;
