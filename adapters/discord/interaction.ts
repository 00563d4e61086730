import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { Conversation, MessageHandle, Reply, Responder } from '../../src/core/messages.js';
import type { Logger } from '../../src/logger.js';
import { optionsFor } from './options.js';

/** Discord wants an answer within 3 s; past this delay the adapter defers and answers later. */
export const DEFAULT_DEFER_AFTER_MS = 1500;

type Ack = 'none' | 'replied' | 'deferred' | 'updated';

export interface InteractionReplies {
  readonly responder: Responder;
  /** Called once the core is done: acknowledges silently if nothing was said, tidies a deferral. */
  finish(): Promise<void>;
}

/**
 * Delivers the core's replies to a slash command or button press. The first reply is the
 * interaction response (type 4, or 7 for a button's `replaceOriginal`); if none comes within
 * `deferAfterMs` the adapter defers (type 5 for commands, 6 for buttons) and later replies edit
 * the deferred message or follow up. Ephemeral replies carry flag 64.
 */
export function interactionReplies(
  i: ChatInputCommandInteraction | ButtonInteraction,
  conversation: Conversation,
  logger: Logger,
  deferAfterMs = DEFAULT_DEFER_AFTER_MS,
): InteractionReplies {
  let ack: Ack = 'none';
  let placeholderOpen = false; // a deferred command's "thinking…" message not yet filled in
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work);
    chain = next.catch(() => undefined);
    return next;
  };
  const handle = (messageId: string): MessageHandle => ({ conversation, messageId });

  const defer = async (): Promise<void> => {
    if (ack !== 'none') return;
    if (i.isButton()) {
      await i.deferUpdate();
      ack = 'updated';
    } else {
      await i.deferReply();
      ack = 'deferred';
      placeholderOpen = true;
    }
  };
  const timer = setTimeout(
    () => void serial(defer).catch((err: unknown) => logger.warn({ err, interactionId: i.id }, 'could not defer a Discord interaction')),
    deferAfterMs,
  );

  async function replace(i: ButtonInteraction, reply: Reply): Promise<MessageHandle> {
    const options = optionsFor(reply, logger, true);
    if (ack === 'none') {
      await i.update(options);
      ack = 'updated';
    } else if (ack === 'updated') {
      await i.editReply(options);
    } else {
      await i.message.edit(options);
    }
    return handle(i.message.id);
  }

  async function send(reply: Reply): Promise<MessageHandle | undefined> {
    if (reply.replaceOriginal && i.isButton()) return replace(i, reply);
    const options = optionsFor(reply, logger);
    const ephemeral = reply.ephemeral === true;
    const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
    if (ack === 'none') {
      clearTimeout(timer);
      const res = await i.reply({ ...options, flags, withResponse: true });
      ack = 'replied';
      const id = res.resource?.message?.id;
      return ephemeral || !id ? undefined : handle(id);
    }
    if (placeholderOpen) {
      placeholderOpen = false;
      if (!ephemeral) return handle((await i.editReply(optionsFor(reply, logger, true))).id);
      // A deferral is public; an ephemeral first answer replaces it with a private follow-up.
      await i.followUp({ ...options, flags });
      await i.deleteReply();
      return undefined;
    }
    const sent = await i.followUp({ ...options, flags });
    return ephemeral ? undefined : handle(sent.id);
  }

  return {
    responder: { send: (reply) => serial(() => send(reply)) },
    async finish() {
      clearTimeout(timer);
      await serial(async () => {
        if (ack === 'none' && i.isButton()) await defer();
        if (placeholderOpen) {
          placeholderOpen = false;
          await i.deleteReply();
        }
      });
    },
  };
}
