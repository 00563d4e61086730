/**
 * Cutting text for platform limits without breaking it: never between the two halves of a
 * surrogate pair (an emoji) and never inside an HTML-style entity such as `&amp;` that an adapter's
 * escaping put there. Platform-neutral; each adapter passes its own limits and escaping.
 */

const ENTITY = /^&[a-zA-Z0-9#]{1,8};/;

/** The largest cut position ≤ `at` that splits neither a surrogate pair nor an entity. */
export function safeCut(text: string, at: number): number {
  let cut = Math.max(0, Math.min(at, text.length));
  if (cut > 0 && cut < text.length) {
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  }
  // An entity the cut would open (`…&am`) goes whole to the other side of the cut.
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 10) {
    const entity = ENTITY.exec(text.slice(amp, amp + 11));
    if (entity && amp + entity[0].length > cut) cut = amp;
  }
  return cut;
}

/** At most `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCut(text, max - 1))}…`;
}

/**
 * Trims plain `text` so that once escaped it fits `max`: the cut is made before escaping, so an
 * escape is never split (`&amp` without its `;`).
 */
export function truncateEscaped(text: string, max: number, escape: (s: string) => string): string {
  const escaped = escape(text);
  if (escaped.length <= max) return escaped;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  // Binary search on whole code points for the longest prefix whose escaped form fits with the ellipsis.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (escape(chars.slice(0, mid).join('')).length + 1 <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${escape(chars.slice(0, lo).join(''))}…`;
}

/** Splits text into pieces of at most `max` characters, at line breaks where it can, then spaces. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = safeCut(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[ \n]/, '');
  }
  if (rest.trim() !== '') pieces.push(rest);
  return pieces;
}
