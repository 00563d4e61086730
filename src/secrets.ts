import { maskUrlCredentials } from './mask.js';

/** Secrets shorter than this are not scrubbed: they would match ordinary words. */
const MIN_SECRET_LENGTH = 8;

/**
 * A function that blanks out every given secret value, and any credentials written into a URL,
 * wherever they appear in a text: the last line of defence for log lines that quote raw payloads
 * or error messages.
 */
export function secretScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const values = secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
  return (text) => maskUrlCredentials(values.reduce((acc, s) => acc.split(s).join('[Redacted]'), text));
}
