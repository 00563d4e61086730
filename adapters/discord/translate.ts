import {
  ChannelType,
  type Guild,
  PermissionFlagsBits,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
  type PermissionsBitField,
  type TextBasedChannel,
} from 'discord.js';
import type { Conversation, Incoming, Sender } from '../../src/core/messages.js';
import { COMMAND_NAME, TEXT_OPTION } from './commands.js';
import { decodeCustomId } from './render.js';
import { escapeRegExp, stripMention } from '../shared/mention.js';
import { decodeDiscordText, type MentionNames } from './markup.js';

/** The bot's own user, as READY reported it. */
export interface BotIdentity {
  readonly id: string;
  readonly name: string;
}

/** Workspace id used for direct messages, which belong to no guild. */
export const DM_WORKSPACE = '@dm';

export const SLASH_PREFIX = `/${COMMAND_NAME} ${TEXT_OPTION}:`;

/** Removes every `<@id>` / `<@!id>` mention of the bot and tidies the spaces left behind. */
export function stripBotMention(text: string, botId: string): string {
  return stripMention(text, new RegExp(`<@!?${escapeRegExp(botId)}>`, 'g'), { keepLineBreaks: true });
}

export function isAdmin(permissions: Readonly<PermissionsBitField> | null | undefined): boolean {
  return permissions?.any([PermissionFlagsBits.Administrator, PermissionFlagsBits.ManageGuild]) ?? false;
}

/**
 * A thread is named by its parent channel plus the thread id, like a Slack thread; a DM lives in the
 * `@dm` workspace. `channel` may be missing for DMs that discord.js has not cached.
 */
export function conversationOf(
  guildId: string | null,
  channelId: string,
  channel: TextBasedChannel | null | undefined,
): Conversation {
  const isThread = channel?.isThread() ?? false;
  const parentId = channel?.isThread() ? channel.parentId : null;
  return {
    platform: 'discord',
    workspaceId: guildId ?? DM_WORKSPACE,
    channelId: isThread && parentId ? parentId : channelId,
    threadId: isThread && parentId ? channelId : undefined,
    isDirect: guildId === null && (channel?.type ?? ChannelType.DM) === ChannelType.DM,
  };
}

/** A mention of the bot or any message in a DM; undefined for everything the bot should ignore. */
export function fromMessage(message: Message, bot: BotIdentity): Incoming | undefined {
  if (message.author.bot || message.author.id === bot.id || message.system || message.webhookId) return undefined;
  const direct = message.guildId === null;
  if (!direct && !message.mentions.users.has(bot.id)) return undefined;
  const sender: Sender = {
    id: message.author.id,
    name: message.member?.displayName ?? message.author.displayName,
    isAdmin: adminAnswer(!direct && isAdmin(message.member?.permissions)),
  };
  return {
    eventId: message.id,
    conversation: conversationOf(message.guildId, message.channelId, message.channel),
    sender,
    kind: direct ? 'direct' : 'mention',
    text: decodeDiscordText(stripBotMention(message.content, bot.id), messageNames(message)),
    commandPrefix: direct ? '' : `@${bot.name} `,
  };
}

function interactionSender(i: ChatInputCommandInteraction | ButtonInteraction): Sender {
  return {
    id: i.user.id,
    name: (i.member && 'displayName' in i.member ? i.member.displayName : undefined) ?? i.user.displayName,
    isAdmin: adminAnswer(i.inGuild() && isAdmin(i.memberPermissions)),
  };
}

export function fromSlashCommand(i: ChatInputCommandInteraction): Incoming | undefined {
  if (i.commandName !== COMMAND_NAME) return undefined;
  return {
    eventId: i.id,
    conversation: conversationOf(i.guildId, i.channelId, i.channel),
    sender: interactionSender(i),
    kind: 'command',
    text: decodeDiscordText((i.options.getString(TEXT_OPTION) ?? '').trim(), guildNames(i.guild)),
    commandPrefix: SLASH_PREFIX,
  };
}

export function fromButton(i: ButtonInteraction): Incoming | undefined {
  const button = decodeCustomId(i.customId);
  if (!button) return undefined;
  return {
    eventId: i.id,
    conversation: conversationOf(i.guildId, i.channelId, i.channel),
    sender: interactionSender(i),
    kind: 'button',
    text: '',
    commandPrefix: SLASH_PREFIX,
    button,
  };
}

/** Names from what discord.js has cached for the guild; a slash command's text option resolves no mentions. */
function guildNames(guild: Guild | null): MentionNames {
  return {
    user: (id) => guild?.members.cache.get(id)?.displayName,
    role: (id) => guild?.roles.cache.get(id)?.name,
    channel: (id) => guild?.channels.cache.get(id)?.name,
  };
}

/** A message resolves its own mentions; the guild's cache covers the rest. */
function messageNames(message: Message): MentionNames {
  const cached = guildNames(message.guild);
  const named = (channel: unknown) => (channel && typeof channel === 'object' && 'name' in channel && typeof channel.name === 'string' ? channel.name : undefined);
  return {
    user: (id) => message.mentions.members?.get(id)?.displayName ?? message.mentions.users.get(id)?.displayName ?? cached.user(id),
    role: (id) => message.mentions.roles.get(id)?.name ?? cached.role(id),
    channel: (id) => named(message.mentions.channels.get(id)) ?? cached.channel(id),
  };
}

/** Discord sends the permissions with every event, so the answer is known before the core asks. */
const adminAnswer = (admin: boolean) => () => Promise.resolve(admin);
