import { DiscordAPIError, PermissionFlagsBits as P, RESTJSONErrorCodes, type SendableChannels, type User } from 'discord.js';
import type { Logger } from '../../src/logger.js';
import { missingPermissions } from '../../src/core/notices.js';
import { messageOptions, renderReply } from './render.js';

/** What the bot needs in a channel; the invite URL in the README grants exactly these. */
export const NEEDED_PERMISSIONS = [
  'View Channel',
  'Send Messages',
  'Send Messages in Threads',
  'Embed Links',
  'Attach Files',
  'Read Message History',
] as const;

/** The same permissions as the integer in the invite URL (274878024704). */
export const INVITE_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.SendMessagesInThreads | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory;

/** Discord's refusals for a channel the bot cannot see (50001) or act in (50013). */
export function isPermissionError(err: unknown): err is DiscordAPIError {
  return (
    err instanceof DiscordAPIError &&
    (err.code === RESTJSONErrorCodes.MissingAccess || err.code === RESTJSONErrorCodes.MissingPermissions)
  );
}

/**
 * Logs a permission refusal once per channel (until a send there succeeds again) and tries to tell
 * the person: first as plain text in the channel (Send Messages may be allowed where Embed Links or
 * Attach Files is not), then in a DM.
 */
export class PermissionNotes {
  private readonly refused = new Set<string>();

  constructor(private readonly logger: Logger) {}

  succeeded(channelId: string): void {
    this.refused.delete(channelId);
  }

  async refusedIn(channelId: string, err: DiscordAPIError, channel?: SendableChannels, asker?: User): Promise<boolean> {
    if (!this.refused.has(channelId)) {
      this.refused.add(channelId);
      this.logger.warn({ channelId, code: err.code, needed: NEEDED_PERMISSIONS }, 'discord refused a post for missing permissions');
    }
    const note = messageOptions(renderReply(missingPermissions([...NEEDED_PERMISSIONS])));
    for (const target of [channel, asker]) {
      if (!target) continue;
      try {
        await target.send(note);
        return true;
      } catch {
        // Try the next place; the refusal is already logged once for this channel.
      }
    }
    return false;
  }
}
