/**
 * Removes the bot's own mention wherever it appears and tidies the spaces it leaves. Each platform
 * gives the pattern of its mention syntax (Slack `<@U123|name>`, Discord `<@123>` or `<@!123>`).
 */
export function stripMention(text: string, mention: RegExp): string {
  const global = mention.global ? mention : new RegExp(mention.source, `${mention.flags}g`);
  return text.replace(global, ' ').replace(/\s+/g, ' ').trim();
}

/** A pattern matching `literal` exactly, for building mention patterns from ids. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
