/**
 * Text handling shared by indexing and querying: platform markup removal, normalisation and
 * tokenisation. Pure functions; nothing here throws on any string.
 */

/** Longest question text looked at (characters); the rest of a pasted wall of text adds nothing. */
export const MAX_QUESTION_CHARS = 1_000;

/** Longer "words" are pasted hashes or keyboard mashing; matching them fuzzily only costs time. */
const MAX_WORD_CHARS = 40;

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

/**
 * Removes Slack and Discord markup: mentions (`<@U123>`, `<@!123>`, `<@&123>`), broadcasts (`<!channel>`,
 * `<!here>`, `@everyone`, `@here`), channel links, custom emoji, timestamps and `:shortcodes:`. Link labels
 * are kept (`<https://x|the docs>` → `the docs`), bare URLs dropped.
 */
export function stripMarkup(input: string): string {
  return input
    .replace(/&(?:lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e] ?? ' ')
    .replace(/<(?:https?|mailto):[^|>\s]*\|([^>]*)>/gi, ' $1 ')
    .replace(/<[^<>]{0,200}>/g, ' ')
    .replace(/https?:\/\/\S+/gi, ' ')
    .replace(/(^|[^\p{L}\p{N}_])@(?:everyone|here|channel|all)\b/giu, '$1 ')
    .replace(/(^|\s)@[\p{L}\p{N}._-]+/gu, '$1 ')
    .replace(/:[a-z0-9_+-]{1,40}:/gi, ' ');
}

/** Lower case, compatibility-normalised, possessives dropped (`go's` → `go`), other apostrophes removed (`don't` → `dont`). */
export function normalise(input: string): string {
  return input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(\p{L})['’]s(?![\p{L}\p{N}])/gu, '$1')
    .replace(/['’‘`´]/g, '');
}

/** Runs of letters, digits, `.`, `+` and `#` (matching them is faster than splitting on the rest). */
const WORD_RUN = /[\p{L}\p{N}.+#]+/gu;
const PUNCTUATED = /[.+#]/;
/** A name with a version glued on (`go1.26`, `rust1.80`): the name and the version are two words. */
const GLUED_VERSION = /^(\p{L}+)(\d+(?:\.\d+)+)$/u;
/** A language with a version glued on (`c++26`, `c#12`): the language and the version are two words. */
const GLUED_EDITION = /^(\p{L}+(?:\+\+|#))(\d+)$/u;
/** Words joined by single pluses (`rust+go`) are a list, unlike the doubled plus of `c++`. */
const PLUS_JOINED = /^[\p{L}\p{N}]+(?:\+[\p{L}\p{N}]+)+$/u;
/** A dotted name (`.net`) keeps its dot, so that it does not read as the word `net` (as in `net/http`). */
const DOTTED_NAME = /^\.\p{L}+$/u;

/**
 * Splits into words of letters and digits; `.`, `+` and `#` stay inside a word so that `1.80`,
 * `crates.io`, `c++` and `c#` survive, but are trimmed from the ends (`go.` → `go`).
 */
export function tokenize(input: string): string[] {
  const out: string[] = [];
  for (const raw of input.match(WORD_RUN) ?? []) {
    // Most words are plain letters and digits: no trimming or splitting to do (a third of the build time).
    if (!PUNCTUATED.test(raw)) {
      if (raw && raw.length <= MAX_WORD_CHARS) out.push(raw);
      continue;
    }
    const word = DOTTED_NAME.test(raw) ? raw : raw.replace(/^[.+#]+/, '').replace(/\.+$/, '');
    if (!word || word.length > MAX_WORD_CHARS) continue;
    const glued = GLUED_VERSION.exec(word) ?? GLUED_EDITION.exec(word);
    if (glued) out.push(glued[1] ?? '', glued[2] ?? '');
    else if (PLUS_JOINED.test(word)) out.push(...word.split('+'));
    else out.push(word);
  }
  return out;
}

/** Plurals kept whole: "nodes" are machines (k8s nodes, edge nodes), while "node" alone is usually Node.js. */
const KEPT_PLURALS = new Set(['nodes']);

/** A light plural fold applied to every word on both sides: `goroutines` → `goroutine`, `libraries` → `library`. */
export function fold(word: string): string {
  if (KEPT_PLURALS.has(word)) return word;
  if (word.length > 4 && /[^.]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /[^su.]s$/.test(word) && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Normalised, folded words of a text, ready to match against the vocabulary. */
export function words(input: string): string[] {
  return tokenize(normalise(input)).map(fold);
}
