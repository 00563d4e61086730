/**
 * Removes the bot's own mention wherever it appears and tidies the spaces it leaves. Each platform
 * gives the pattern of its mention syntax (Slack `<@U123|name>`, Discord `<@123>` or `<@!123>`).
 */
export function stripMention(text: string, mention: RegExp, options: { keepLineBreaks?: boolean } = {}): string {
  const global = mention.global ? mention : new RegExp(mention.source, `${mention.flags}g`);
  // Slack folds a message onto one line; Discord keeps its line breaks (a poll may be written over several).
  const spaces = options.keepLineBreaks ? /[ \t]{2,}/g : /\s+/g;
  return text.replace(global, ' ').replace(spaces, ' ').trim();
}

/** A pattern matching `literal` exactly, for building mention patterns from ids. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
