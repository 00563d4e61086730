import { PermissionFlagsBits, type Client, type GuildMember } from 'discord.js';
import type { Conversation, ConversationAccess, Incoming } from '../../src/core/messages.js';

/**
 * What one member may read in Discord: the guild channels (and their threads, by the parent)
 * where their roles and overwrites give them View Channel. Reads discord.js's cache only: the
 * gateway keeps channels and the event carries the member, so no REST call is needed. A channel not
 * in the cache, another guild, or any DM is hidden.
 */
export function discordAccess(client: Client, member: GuildMember | null | undefined): ConversationAccess {
  return {
    async canSee(conversations: readonly Conversation[]) {
      return conversations.map((c) => {
        if (!member || c.isDirect || c.workspaceId !== member.guild.id) return false;
        const channel = client.channels.cache.get(c.threadId ?? c.channelId) ?? client.channels.cache.get(c.channelId);
        if (!channel || !('permissionsFor' in channel)) return false;
        return channel.permissionsFor(member)?.has(PermissionFlagsBits.ViewChannel) === true;
      });
    },
  };
}

/** The event with its access and, in a guild channel, the channel's name (`#general`). */
export function withReach(incoming: Incoming, client: Client, member: unknown, channelName: string | undefined): Incoming {
  const guildMember = member && typeof member === 'object' && 'guild' in member ? (member as GuildMember) : undefined;
  return {
    ...incoming,
    access: discordAccess(client, guildMember),
    ...(channelName && !incoming.conversation.isDirect ? { conversationName: `#${channelName}` } : {}),
  };
}

/** A link to a message, as Discord's clients open it. */
export function messageLink(conversation: Conversation, messageId: string): string | undefined {
  if (conversation.isDirect) return undefined;
  return `https://discord.com/channels/${conversation.workspaceId}/${conversation.threadId ?? conversation.channelId}/${messageId}`;
}
