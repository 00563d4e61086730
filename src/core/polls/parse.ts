import { fail, ok, type Result } from '../result.js';
import { labelKey, normalizeLabel } from '../normalize.js';
import { userText } from '../text.js';

/** What `poll …` asked for, before it becomes a stored poll. */
export interface PollSpec {
  readonly question: string;
  readonly options: readonly string[];
  readonly anonymous: boolean;
  readonly hidden: boolean;
  /** One reminder in the poll's thread when a quarter of its time is left (needs a deadline of 4 minutes or more). */
  readonly remind?: boolean | undefined;
  /** Time until the poll closes by itself, in ms; absent means it stays open until closed. */
  readonly durationMs?: number | undefined;
}

export const DEFAULT_QUESTION = 'Which language should our team use for this service?';
export const DEFAULT_OPTIONS: readonly string[] = ['Rust', 'Go', 'Both (hybrid)', 'Not sure yet'];
export const MAX_QUESTION = 200;
export const MAX_LABEL = 50;
const MIN_OPTIONS = 2;
const MAX_OPTIONS = 10;
const MINUTE = 60_000;
const MAX_DURATION_MS = 30 * 24 * 60 * MINUTE;
/** Shortest deadline a `remind` poll may have. */
export const MIN_REMIND_MS = 4 * MINUTE;

const UNIT_MS: Record<string, number> = { m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE };
const DURATION = /^(\d{1,6})(m|min|mins|h|hr|hrs|d)$/i;

/** `30m`, `2h`, `3d` → ms; undefined when the word is not a duration at all. */
export function parseDuration(word: string): number | undefined {
  const m = DURATION.exec(word);
  if (!m) return undefined;
  const unit = (m[2] as string).toLowerCase()[0] as string;
  return Number(m[1]) * (UNIT_MS[unit] as number);
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A refusal the user reads as it is. */
type PollRefusal = string;

/**
 * Parses the arguments of `poll [anonymous] [hidden] [remind] [for DURATION] [QUESTION [| OPTION | OPTION …]]`.
 * Flags come first, in any order, each once; `for` is a flag only when a duration follows it, so
 * `poll for billing: Rust or Go?` is a question.
 */
export function parsePollArgs(args: string): Result<PollSpec, PollRefusal> {
  let rest = collapse(args);
  let anonymous = false;
  let hidden = false;
  let remind = false;
  let durationMs: number | undefined;
  for (;;) {
    const m = /^(\S+)(?: (\S+))?/.exec(rest);
    const word = (m?.[1] ?? '').toLowerCase();
    if (word === 'anonymous' && !anonymous) anonymous = true;
    else if (word === 'hidden' && !hidden) hidden = true;
    else if (word === 'remind' && !remind) remind = true;
    else if (word === 'for' && durationMs === undefined && m?.[2] !== undefined && parseDuration(m[2]) !== undefined) {
      durationMs = parseDuration(m[2]);
      rest = rest.slice(m[0].length).trim();
      continue;
    } else break;
    rest = rest.slice(word.length).trim();
  }
  if (durationMs !== undefined) {
    if (durationMs < MINUTE) return fail('A poll needs to run for at least a minute, for example `for 30m`.');
    if (durationMs > MAX_DURATION_MS) return fail('A poll can run for at most 30 days, for example `for 30d`, `for 48h` or `for 90m`.');
  }
  if (remind && (durationMs === undefined || durationMs < MIN_REMIND_MS)) {
    return fail('`remind` needs a deadline of at least 4 minutes, for example `poll remind for 1h …`: the reminder comes when a quarter of the time is left.');
  }
  // Normalised before any length or duplicate check, so what is counted is what will be shown.
  const [head = '', ...parts] = rest.split('|').map(normalizeLabel);
  const question = head === '' ? DEFAULT_QUESTION : head;
  if (question.length > MAX_QUESTION) {
    return fail(`The question is ${question.length} characters long; a poll question can have at most ${MAX_QUESTION}.`);
  }
  const options = parts.length === 0 ? [...DEFAULT_OPTIONS] : parts;
  const refusal = checkOptions(options);
  if (refusal) return fail(refusal);
  return ok({ question, options, anonymous, hidden, ...(remind ? { remind } : {}), durationMs });
}

function checkOptions(options: readonly string[]): string | undefined {
  if (options.some((o) => o === '')) return 'One of the options is empty. Separate options with single `|` characters.';
  if (options.length < MIN_OPTIONS) return `A poll needs at least ${MIN_OPTIONS} options, separated by \`|\`.`;
  if (options.length > MAX_OPTIONS) return `A poll can have at most ${MAX_OPTIONS} options; this one has ${options.length}.`;
  const long = options.find((o) => o.length > MAX_LABEL);
  if (long) return `The option "${userText(long, 20)}" is ${long.length} characters long; options can have at most ${MAX_LABEL}.`;
  const seen = new Set<string>();
  for (const o of options) {
    const k = labelKey(o);
    if (seen.has(k)) return `The option "${userText(o, MAX_LABEL)}" appears twice. Each option must be different.`;
    seen.add(k);
  }
  return undefined;
}
