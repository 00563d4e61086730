import type { webApi } from '@slack/bolt';
import { BotError } from '../../src/errors.js';
import { slackErrorCode } from './deliver.js';

/** Who the bot is, from `auth.test` at start-up. */
export interface Identity {
  readonly userId: string;
  readonly botId: string;
  readonly name: string;
  /** The workspace, for the DM a Home-view press is answered in. */
  readonly teamId: string;
}

export const UNKNOWN_IDENTITY: Identity = { userId: '', botId: '', name: 'RustGo', teamId: '' };

export async function authenticate(client: webApi.WebClient, apiUrl?: string): Promise<Identity> {
  try {
    const res = await client.auth.test();
    return { userId: res.user_id ?? '', botId: res.bot_id ?? '', name: res.user ?? 'RustGo', teamId: res.team_id ?? '' };
  } catch (cause) {
    throw authFailure(cause, apiUrl);
  }
}

/**
 * Says which it was: Slack answered and refused the token (a Slack error code), or Slack could not be
 * reached at all (no answer, a refused connection, a 5xx), which no new token would fix.
 */
function authFailure(cause: unknown, apiUrl: string | undefined): BotError {
  const code = slackErrorCode(cause);
  if (code) {
    return new BotError(
      'slack_auth_failed',
      `SLACK_BOT_TOKEN: Slack rejected the bot token (${code}). Copy the "Bot User OAuth Token" (xoxb-…) from the app's OAuth & Permissions page, and reinstall the app if it was revoked.`,
      { cause },
    );
  }
  const detail = cause instanceof Error ? cause.message : String(cause);
  const where = apiUrl ? `SLACK_API_URL: could not reach Slack's Web API at ${apiUrl}` : "SLACK_BOT_TOKEN: could not reach Slack's Web API to check the bot token";
  return new BotError('slack_unreachable', `${where} (${detail}). Check the network connection (and the URL); the token itself was not checked.`, { cause });
}

/**
 * Tells the bot's own DM with a person from a DM between people: a slash command carries only the
 * channel id, and `conversations.open` names the person's DM with the bot. Known DMs are kept (bounded).
 */
export function createDmCheck(client: webApi.WebClient, note: (err: unknown, method: string) => void) {
  const ownDms = new Set<string>();
  return async function isOwnDm(channelId: string, userId: string): Promise<boolean> {
    if (ownDms.has(channelId)) return true;
    const res = await client.conversations.open({ users: userId }).catch((err: unknown) => {
      note(err, 'conversations.open');
      return undefined;
    });
    if (res?.channel?.id !== channelId) return false;
    if (ownDms.size >= 10_000) ownDms.clear();
    ownDms.add(channelId);
    return true;
  };
}
