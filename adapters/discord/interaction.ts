import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { Conversation, MessageHandle, Reply, Responder } from '../../src/core/messages.js';
import type { Logger } from '../../src/logger.js';
import type { Delivery } from './delivery.js';
import { postedInChannel, updatesStopSoon } from './notes.js';
import { optionsFor } from './options.js';

/** Discord wants an answer within 3 s; past this delay the adapter defers and answers later. */
export const DEFAULT_DEFER_AFTER_MS = 1500;

type Ack = 'none' | 'replied' | 'deferred' | 'updated';

export interface InteractionDeps {
  readonly logger: Logger;
  readonly delivery: Delivery;
  readonly deferAfterMs?: number | undefined;
}

/**
 * Delivers the core's replies to a slash command or button press. The first reply is the
 * interaction response (type 4, or 7 for a button's `replaceOriginal`); if none comes within
 * `deferAfterMs` the adapter defers (type 5 for commands, 6 for buttons) and later replies edit
 * the deferred message or follow up. Ephemeral replies carry flag 64. A `live` reply, which the
 * core edits later, is a regular channel message, since interaction tokens last 15 minutes.
 */
export class InteractionReplies {
  readonly responder: Responder;
  private ack: Ack = 'none';
  /** A deferred command's public "thinking…" message not yet filled in. */
  private placeholderOpen = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private readonly logger: Logger;

  constructor(
    private readonly i: ChatInputCommandInteraction | ButtonInteraction,
    private readonly conversation: Conversation,
    private readonly deps: InteractionDeps,
  ) {
    this.logger = deps.logger;
    this.responder = { send: (reply) => this.serial(() => this.send(reply)) };
    this.timer = setTimeout(
      () => void this.serial(() => this.defer()).catch((err: unknown) => this.logger.warn({ err, interactionId: i.id }, 'could not defer a Discord interaction')),
      deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
    );
  }

  /** Called once the core is done: acknowledges silently if nothing was said, tidies a deferral. */
  async finish(): Promise<void> {
    clearTimeout(this.timer);
    await this.serial(async () => {
      if (this.ack === 'none' && this.i.isButton()) await this.defer();
      if (this.placeholderOpen) {
        this.placeholderOpen = false;
        await this.i.deleteReply();
      }
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private handle(messageId: string): MessageHandle {
    return { conversation: this.conversation, messageId };
  }

  private async defer(): Promise<void> {
    if (this.ack !== 'none') return;
    if (this.i.isButton()) {
      await this.i.deferUpdate();
      this.ack = 'updated';
    } else {
      await this.i.deferReply();
      this.ack = 'deferred';
      this.placeholderOpen = true;
    }
  }

  private async send(reply: Reply): Promise<MessageHandle | undefined> {
    if (reply.replaceOriginal && this.i.isButton()) return this.replace(this.i, reply);
    // A private reply is never made public just because the core will edit it.
    if (reply.live && !reply.ephemeral) return this.sendLive(reply);
    return this.answer(reply);
  }

  /**
   * A regular message stays editable for as long as it exists; the interaction only hears a short
   * private note. Where the bot may not post, the interaction response carries the reply and is
   * edited through the webhook until the token runs out, which the user is told.
   */
  private async sendLive(reply: Reply): Promise<MessageHandle | undefined> {
    const posted = await this.deps.delivery.post(this.conversation, reply);
    if (posted.ok) {
      if (this.ack === 'none' || this.placeholderOpen) await this.answer(postedInChannel());
      return posted.handle;
    }
    const handle = await this.answer(reply);
    if (handle) this.deps.delivery.edits.remember(handle.messageId, this.i);
    await this.answer(updatesStopSoon());
    return handle;
  }

  private async replace(i: ButtonInteraction, reply: Reply): Promise<MessageHandle> {
    const options = optionsFor(reply, this.logger, true);
    if (this.ack === 'none') {
      await i.update(options);
      this.ack = 'updated';
    } else if (this.ack === 'updated') {
      await i.editReply(options);
    } else {
      await i.message.edit(options);
    }
    return this.handle(i.message.id);
  }

  /** Answers through the interaction: the response itself, the deferred message, or a follow-up. */
  private async answer(reply: Reply): Promise<MessageHandle | undefined> {
    const options = optionsFor(reply, this.logger);
    const ephemeral = reply.ephemeral === true;
    const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
    if (this.ack === 'none') {
      clearTimeout(this.timer);
      const res = await this.i.reply({ ...options, flags, withResponse: true });
      this.ack = 'replied';
      const id = res.resource?.message?.id;
      return ephemeral || !id ? undefined : this.handle(id);
    }
    if (this.placeholderOpen) {
      this.placeholderOpen = false;
      if (!ephemeral) return this.handle((await this.i.editReply(optionsFor(reply, this.logger, true))).id);
      // A deferral is public; an ephemeral first answer replaces it with a private follow-up.
      await this.i.followUp({ ...options, flags });
      await this.i.deleteReply();
      return undefined;
    }
    const sent = await this.i.followUp({ ...options, flags });
    return ephemeral ? undefined : this.handle(sent.id);
  }
}
