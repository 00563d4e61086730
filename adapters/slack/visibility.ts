import type { webApi } from '@slack/bolt';
import type { Conversation, ConversationAccess } from '../../src/core/messages.js';

type WebClient = webApi.WebClient;

/** Pages of `users.conversations` read at most (1,000 each): far beyond any one person's channels. */
const MAX_PAGES = 10;

/**
 * What one person may read in Slack, asked lazily and at most once per access: the conversations
 * they belong to (`users.conversations`, scopes channels:read, groups:read, im:read, mpim:read),
 * and for any other channel whether it is public (`conversations.info`). A failed lookup hides the
 * channel: when in doubt, show less.
 */
export function slackAccess(client: WebClient, userId: string, note: (err: unknown, method: string) => void): ConversationAccess {
  let memberOf: Promise<Set<string>> | undefined;
  const publicChannels = new Map<string, Promise<boolean>>();

  async function readMemberships(): Promise<Set<string>> {
    const ids = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await client.users.conversations({
        user: userId,
        types: 'public_channel,private_channel,mpim,im',
        exclude_archived: false,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      for (const c of res.channels ?? []) if (c.id) ids.add(c.id);
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return ids;
  }

  const isPublic = (channelId: string) => {
    let known = publicChannels.get(channelId);
    if (!known) {
      known = client.conversations
        .info({ channel: channelId })
        .then((res) => Boolean(res.channel && !res.channel.is_private && !res.channel.is_im && !res.channel.is_mpim))
        .catch((err: unknown) => {
          note(err, 'conversations.info');
          return false;
        });
      publicChannels.set(channelId, known);
    }
    return known;
  };

  return {
    async canSee(conversations: readonly Conversation[]) {
      memberOf ??= readMemberships().catch((err: unknown) => {
        note(err, 'users.conversations');
        return new Set<string>();
      });
      const mine = await memberOf;
      return Promise.all(conversations.map(async (c) => mine.has(c.channelId) || (!c.isDirect && (await isPublic(c.channelId)))));
    },
  };
}

/** `#general` from a command's `channel_name`; nothing for DMs and group DMs, whose names mean nothing to readers. */
export function channelLabel(name: string | undefined): string | undefined {
  if (!name || name === 'directmessage' || name === 'privategroup' || name.startsWith('mpdm-')) return undefined;
  return `#${name}`;
}
