import type { Conversation, ConversationAccess } from '../messages.js';
import type { Place } from './record.js';

/** Who is asking, from where (undefined outside any conversation, as in a home screen). */
export interface Asker {
  readonly platform: Conversation['platform'];
  readonly workspaceId: string;
  readonly here?: Conversation | undefined;
  readonly access?: ConversationAccess | undefined;
}

const sameChannel = (a: Place, b: Conversation) =>
  a.platform === b.platform && a.workspaceId === b.workspaceId && a.channelId === b.channelId;

const asConversation = (p: Place): Conversation => ({
  platform: p.platform,
  workspaceId: p.workspaceId,
  channelId: p.channelId,
  isDirect: p.isDirect,
  ...(p.threadId ? { threadId: p.threadId } : {}),
});

/**
 * Keeps what the asker may read: anything from the conversation they ask in, and elsewhere what
 * the adapter's access says (public channels, conversations they belong to). Without an access
 * capability the default is the safe one: the current conversation only. The adapter is asked once
 * per distinct channel.
 */
export async function visibleTo<T>(asker: Asker, items: readonly T[], placeOf: (item: T) => Place): Promise<T[]> {
  const inWorkspace = items.filter((i) => placeOf(i).platform === asker.platform && placeOf(i).workspaceId === asker.workspaceId);
  const here = asker.here;
  const others = [...new Map(inWorkspace.map(placeOf).filter((p) => !here || !sameChannel(p, here)).map((p) => [p.channelId, p])).values()];
  const seen = new Set<string>();
  if (others.length > 0 && asker.access) {
    const flags = await asker.access.canSee(others.map(asConversation));
    others.forEach((p, i) => {
      if (flags[i] === true) seen.add(p.channelId);
    });
  }
  return inWorkspace.filter((i) => (here && sameChannel(placeOf(i), here)) || seen.has(placeOf(i).channelId));
}
