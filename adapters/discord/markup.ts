/**
 * Discord's message markup → the plain text a person meant, before the core parses it. Discord
 * writes users, roles, channels, custom emoji, timestamps and command links as `<…>` tokens; read
 * literally, `poll <#123> or <@456>?` would offer the option `<#123>`. What comes out is plain text
 * (`@Ana`, `#backend`, `:ferris:`): the core escapes it wherever it shows it, and the adapter sends
 * every message with no allowed mentions, so a decoded `@Ana` is never a ping.
 */

/** Names for the ids a message mentions; whatever is unknown shows a neutral label instead of the id. */
export interface MentionNames {
  user(id: string): string | undefined;
  role(id: string): string | undefined;
  channel(id: string): string | undefined;
}

const TOKEN = /<(@!?|@&|#)(\d{1,20})>|<a?:([\w~]{1,32}):\d{1,20}>|<t:(-?\d{1,13})(?::[tTdDfFR])?>|<\/([\w -]{1,100}):\d{1,20}>/g;

function timestamp(seconds: string): string {
  const date = new Date(Number(seconds) * 1000);
  return Number.isNaN(date.getTime()) ? 'a date' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function mention(sigil: string, id: string, names: MentionNames): string {
  if (sigil === '#') return `#${names.channel(id) ?? 'channel'}`;
  if (sigil === '@&') return `@${names.role(id) ?? 'role'}`;
  return `@${names.user(id) ?? 'someone'}`;
}

/** Decodes Discord markup tokens; text outside them is left as written. */
export function decodeDiscordText(text: string, names: MentionNames): string {
  return text.replace(TOKEN, (_whole, sigil?: string, id?: string, emoji?: string, seconds?: string, command?: string) => {
    if (sigil !== undefined && id !== undefined) return mention(sigil, id, names);
    if (emoji !== undefined) return `:${emoji}:`;
    if (seconds !== undefined) return timestamp(seconds);
    return `/${command ?? ''}`;
  });
}
