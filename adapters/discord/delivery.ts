import { DiscordAPIError, RESTJSONErrorCodes, type Client, type Message, type SendableChannels } from 'discord.js';
import type { Conversation, Incoming, MessageHandle, Outbox, Reply, Responder } from '../../src/core/messages.js';
import type { Logger } from '../../src/logger.js';
import { InteractionEdits } from './interaction-edits.js';
import { optionsFor } from './options.js';
import { PermissionNotes, isPermissionError } from './permissions.js';
import { DM_WORKSPACE } from './translate.js';
import { messageLink } from './visibility.js';

/** A regular message posted, or why not: no channel the bot can reach, or Discord refused it there. */
export type PostResult =
  | { readonly ok: true; readonly handle: MessageHandle }
  | { readonly ok: false; readonly channel?: SendableChannels | undefined; readonly refusal?: DiscordAPIError | undefined };

const UNREACHABLE = new Set<number | string>([RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.MissingAccess]);

/** Posting and editing messages outside an interaction response: the outbox and replies to mentions. */
export class Delivery {
  readonly notes: PermissionNotes;
  readonly edits: InteractionEdits;

  constructor(
    private readonly client: () => Client,
    private readonly logger: Logger,
  ) {
    this.notes = new PermissionNotes(logger);
    this.edits = new InteractionEdits(logger);
  }

  /** Posts `reply` as a regular channel message, which the bot may edit for as long as it exists. */
  async post(conversation: Conversation, reply: Reply): Promise<PostResult> {
    const channelId = conversation.threadId ?? conversation.channelId;
    const channel = await this.sendable(channelId);
    if (!channel) return { ok: false };
    try {
      const options = optionsFor(reply, this.logger);
      // A reply to a message (a poll's reminder) quotes it; a deleted one is no reason to fail.
      const sent = await channel.send(reply.inReplyTo ? { ...options, reply: { messageReference: reply.inReplyTo, failIfNotExists: false } } : options);
      this.notes.succeeded(channelId);
      return { ok: true, handle: { conversation, messageId: sent.id } };
    } catch (err) {
      if (!isPermissionError(err)) throw err;
      return { ok: false, channel, refusal: err };
    }
  }

  async update(message: MessageHandle, reply: Reply): Promise<void> {
    const options = optionsFor(reply, this.logger, true);
    if ((await this.edits.edit(message.messageId, options)) !== 'not-mine') return;
    const c = message.conversation;
    const channel = await this.client().channels.fetch(c.threadId ?? c.channelId);
    if (!channel?.isTextBased()) return;
    await channel.messages.edit(message.messageId, options);
  }

  /** The core's way to post unasked: a refusal is logged once and explained to the channel if possible. */
  outbox(): Outbox {
    return {
      platform: 'discord',
      post: async (conversation, reply) => {
        const result = await this.post(conversation, reply);
        if (result.ok) return result.handle;
        if (result.refusal) await this.notes.refusedIn(conversation.threadId ?? conversation.channelId, result.refusal, result.channel);
        return undefined;
      },
      update: (message, reply) => this.update(message, reply),
      directTo: async (_workspaceId, userId) => {
        const dm = await (await this.client().users.fetch(userId)).createDM();
        return { platform: 'discord', workspaceId: DM_WORKSPACE, channelId: dm.id, isDirect: true };
      },
      linkTo: async (message) => messageLink(message.conversation, message.messageId),
    };
  }

  /** Replies to a mention or DM. A reply to a message cannot be ephemeral, so it is a normal short reply. */
  messageResponder(message: Message, incoming: Incoming): Responder {
    return {
      send: async (reply) => {
        try {
          const sent = await message.reply(optionsFor(reply, this.logger));
          this.notes.succeeded(message.channelId);
          return { conversation: incoming.conversation, messageId: sent.id };
        } catch (err) {
          if (!isPermissionError(err)) throw err;
          const channel = message.channel.isSendable() ? message.channel : undefined;
          await this.notes.refusedIn(message.channelId, err, channel, message.author);
          return undefined;
        }
      },
    };
  }

  private async sendable(channelId: string): Promise<SendableChannels | undefined> {
    try {
      const channel = await this.client().channels.fetch(channelId);
      return channel?.isSendable() ? channel : undefined;
    } catch (err) {
      if (err instanceof DiscordAPIError && UNREACHABLE.has(err.code)) return undefined;
      throw err;
    }
  }
}
