import type { ButtonInteraction, ChatInputCommandInteraction, Interaction, Message, MessageComponentInteraction } from 'discord.js';
import type { Incoming } from '../../src/core/messages.js';
import type { Identity } from './identity.js';
import { RecentIds } from './recent-ids.js';
import { fromButton, fromMessage, fromSlashCommand } from './translate.js';

export type AnsweredInteraction = ChatInputCommandInteraction | ButtonInteraction;

/** What to do with one interaction: hand it to the core, answer it with a short note, or leave it. */
export type InteractionVerdict =
  | { readonly kind: 'core'; readonly interaction: AnsweredInteraction; readonly incoming: Incoming }
  | { readonly kind: 'unusable'; readonly interaction: MessageComponentInteraction }
  | { readonly kind: 'ignore' };

/**
 * Decides which deliveries reach the core: mentions and DMs from people, `/rustgo` and the bot's
 * own buttons, each once (a gateway RESUME may replay them).
 */
export class Gate {
  private readonly seen = new RecentIds();

  constructor(private readonly identity: Identity) {}

  message(message: Message): Incoming | undefined {
    const incoming = fromMessage(message, this.identity.current);
    return incoming && this.seen.firstTime(incoming.eventId) ? incoming : undefined;
  }

  interaction(i: Interaction): InteractionVerdict {
    if (!i.isChatInputCommand() && !i.isMessageComponent()) return { kind: 'ignore' };
    if (!this.seen.firstTime(i.id)) return { kind: 'ignore' };
    const incoming = i.isChatInputCommand() ? fromSlashCommand(i) : i.isButton() ? fromButton(i) : undefined;
    if (incoming && (i.isChatInputCommand() || i.isButton())) return { kind: 'core', interaction: i, incoming };
    // A pressed component always wants an answer, or Discord shows the user "This interaction failed".
    return i.isMessageComponent() ? { kind: 'unusable', interaction: i } : { kind: 'ignore' };
  }
}
