import { DiscordAPIError, RESTJSONErrorCodes, type InteractionWebhook, type WebhookMessageEditOptions } from 'discord.js';
import type { Logger } from '../../src/logger.js';

/** Discord's interaction tokens, and with them the right to edit the interaction's messages, last 15 minutes. */
export const INTERACTION_TOKEN_MS = 15 * 60_000;
/** Stop a little early: a request sent at 14:59 may arrive after the token has gone. */
const SAFETY_MS = 10_000;

/** The part of an interaction needed to edit its messages later. */
export interface EditableInteraction {
  readonly webhook: InteractionWebhook;
  readonly createdTimestamp: number;
}

export type InteractionEditOutcome = 'not-mine' | 'edited' | 'expired';

const TOKEN_GONE = new Set<number | string>([
  RESTJSONErrorCodes.InvalidWebhookToken,
  RESTJSONErrorCodes.UnknownWebhook,
  RESTJSONErrorCodes.UnknownInteraction,
]);

/**
 * Interaction responses the core will edit later because the bot could not post a regular message.
 * Discord does not support editing those through the channel endpoint (discord-api-docs#6253), so
 * they are edited through the interaction webhook while its token lasts, then left as they are.
 */
export class InteractionEdits {
  private readonly byMessage = new Map<string, { webhook: InteractionWebhook; until: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly capacity = 5_000,
  ) {}

  remember(messageId: string, i: EditableInteraction): void {
    this.byMessage.set(messageId, { webhook: i.webhook, until: i.createdTimestamp + INTERACTION_TOKEN_MS - SAFETY_MS });
    if (this.byMessage.size > this.capacity) {
      const oldest = this.byMessage.keys().next().value;
      if (oldest !== undefined) this.byMessage.delete(oldest);
    }
  }

  /** Edits the message through its interaction's webhook; `not-mine` when it is a regular message. */
  async edit(messageId: string, options: WebhookMessageEditOptions): Promise<InteractionEditOutcome> {
    const entry = this.byMessage.get(messageId);
    if (!entry) return 'not-mine';
    if (this.now() >= entry.until) return 'expired';
    try {
      await entry.webhook.editMessage(messageId, options);
      return 'edited';
    } catch (err) {
      if (!(err instanceof DiscordAPIError) || !TOKEN_GONE.has(err.code)) throw err;
      entry.until = 0;
      this.logger.info({ messageId, code: err.code }, 'an interaction token expired early; the message stays as it is');
      return 'expired';
    }
  }
}
