/**
 * Slack's message markup → the plain text a person meant, before the core parses it. Slack sends
 * `&`, `<`, `>` escaped and wraps links, channels, users and broadcasts in `<…>`; read literally,
 * `poll R&amp;D on <http://fly.io|fly.io>?` would become options such as `fly.io&gt;?`.
 * What comes out is plain text: the core escapes it again wherever it shows it, so a decoded
 * `<!here>` is the words `@here`, never a ping.
 */

/** `<@U123>` or `<@U123|name>`: a user mention. */
const USER = /^@([UW][A-Z0-9]{1,20})(?:\|(.*))?$/;
const CHANNEL = /^#([CG][A-Z0-9]{1,20})(?:\|(.*))?$/;
const SPECIAL = /^!([a-z]+)(?:\^[^|]*)?(?:\|(.*))?$/;

/** User ids mentioned without a name (`<@U123>`), whose names a caller may look up first. */
export function unnamedUsers(text: string): string[] {
  if (!text.includes('<@')) return [];
  return [...text.matchAll(/<@([UW][A-Z0-9]{1,20})>/g)].map((m) => m[1] as string);
}

function decodeEntities(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

function token(inner: string, names: ReadonlyMap<string, string>): string {
  const user = USER.exec(inner);
  if (user) return `@${user[2] || names.get(user[1] as string) || user[1]}`;
  const channel = CHANNEL.exec(inner);
  if (channel) return `#${channel[2] || channel[1]}`;
  const special = SPECIAL.exec(inner);
  // `<!here>`, `<!channel>`, `<!everyone>`; a user group or a date shows its label.
  if (special) return special[2] ? special[2] : `@${special[1]}`;
  const bar = inner.indexOf('|');
  return bar >= 0 ? inner.slice(bar + 1) : inner;
}

/** Decodes Slack markup; `names` gives display names for unnamed user mentions (else the id shows). */
export function decodeSlackText(text: string, names: ReadonlyMap<string, string> = new Map()): string {
  // Most commands (`help`, a question) carry no markup and no entity: nothing to decode.
  if (!text.includes('<') && !text.includes('&')) return text;
  // Entities are decoded inside each piece after the markup is read, so an escaped `&lt;` stays text.
  return text
    .split(/(<[^<>\n]*>)/)
    .map((piece) => (piece.startsWith('<') && piece.endsWith('>') && piece.length > 2 ? decodeEntities(token(piece.slice(1, -1), names)) : decodeEntities(piece)))
    .join('');
}
