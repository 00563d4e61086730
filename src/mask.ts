/**
 * Credentials in URLs are masked wherever text leaves the process (logs, start-up errors), because
 * operators paste STORE_URL with its password and a malformed one is still worth naming. The scheme
 * may be in any case and have any number of slashes (`redis:/:pw@host`, `Redis://…`); everything up to
 * the last `@` of the word is treated as user information, so a password containing `@` or `/` is
 * masked whole. A user name before `:` is kept: it helps an operator and is not a secret.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/*)([^\s"'<>()]*)@/gi;

export function maskUrlCredentials(text: string): string {
  return text.replace(URL_USERINFO, (_match, scheme: string, info: string) => {
    const colon = info.indexOf(':');
    const user = colon > 0 ? info.slice(0, colon) : '';
    return `${scheme}${user ? `${user}:` : ''}***@`;
  });
}

/**
 * One line out of a possibly multi-line message (YAML errors carry a code frame): the first line,
 * without the colon that introduced the frame, with any parenthesis the frame left open closed.
 */
export function oneLine(message: string): string {
  const lines = message.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length <= 1) return lines[0] ?? '';
  const first = (lines[0] as string).replace(/:$/, '');
  const open = (first.match(/\(/g)?.length ?? 0) - (first.match(/\)/g)?.length ?? 0);
  return first + ')'.repeat(Math.max(0, open));
}
