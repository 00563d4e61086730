/**
 * Text from users goes through `userText` before it lands in a reply: control characters are
 * dropped, whitespace collapsed, the length bounded, and broadcast mentions broken with a
 * zero-width space so they read the same but cannot ping on any platform.
 */
export function userText(raw: string, max = 200): string {
  const cleaned = raw
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/@(everyone|here|channel)/gi, '@\u200b$1');
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

/** A command as the user would type it here, in code style: `/rustgo checklist`. */
export function cmd(prefix: string, command: string): string {
  return `\`${prefix}${command}\``;
}

/** "1 person" / "3 people". */
export function people(n: number): string {
  return n === 1 ? '1 person' : `${n} people`;
}

/** Short random id for sessions and polls: 10 base-36 characters. */
export function shortId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}
