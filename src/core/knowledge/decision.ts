/**
 * The bot's own use case asked in free text: "which one for our service?" with a description of the
 * service. Reads the factors the message states; the full checklist does the real weighing.
 */

export type Lean = 'rust' | 'go' | 'neither';

export interface Factor {
  readonly id: 'cpu' | 'io' | 'deadline' | 'team' | 'latency' | 'ecosystem';
  readonly lean: Lean;
  /** Our sentence about this factor; never the user's words. */
  readonly note: string;
}

/** The two languages compared by name: with these, other comparisons in the message do not matter. */
const NAMES_BOTH = [
  /\b(?:rust|rustlang)\s*(?:or|vs\.?|versus|\/)\s*(?:go|golang)\b/,
  /\b(?:go|golang)\s*(?:or|vs\.?|versus|\/)\s*(?:rust|rustlang)\b/,
];

/** The message asks to choose between the two languages. */
const ASKS_CHOICE = [
  ...NAMES_BOTH,
  /\bwhich\s+(?:lang\w*|one|of the two|stack)\b/,
  // "is rust overkill for this", "should rust even be on the table": doubting one language for the service.
  /\b(?:rust|go|golang)\b[^.?!]*\b(?:overkill|on the (?:table|tabel))\b/,
  /\bwhat should\s+(?:actually\s+|really\s+)?drive\s+(?:the|that|this|our)\s+(?:choice|decision)\b/,
  /\b(?:should|shall)\s+(?:we|i)\s+(?:use|pick|choose|go with|write it in|build it in)\b/,
  /\b(?:which|what)\s+(?:do|would|should)\s+(?:we|i|you)\s+(?:use|pick|choose|recommend)\b/,
  /\b(?:recommend|suggest)\b.*\b(?:rust|go|golang)\b/,
  // "jump to rust or stay with go", "go or switch to rust": the choice with a verb in between.
  /\b(?:rust|go|golang)\s+or\s+(?:\w+\s+){1,3}(?:rust|go|golang)\b/,
  /\b(?:stay|stick)\s+(?:on|with|w|in)\s+(?:rust|go|golang)\b/,
];

/**
 * "which has more mature libraries", "which is easier for juniors": one attribute compared, which a topic
 * answers, rather than a service described for the choice. A plain "which is better for us" stays a choice.
 */
const COMPARES_ATTRIBUTE =
  /\bwhich\s+(?:(?:language|lang|one|of the two|of them)\s+)?(?:is|has|does|do|gets|feels|would be|will be)?\s*(?:more|less|fewer|easier|harder|faster|slower|simpler|safer|cheaper|nicer|bigger|larger|friendlier|better\s+(?!for\b|suited\b|fit\b|choice\b|option\b|pick\b|bet\b)[a-z])/;

/** "sqlx vs diesel", "bumpalo or typed-arena": a choice between other things than the two languages. */
const OTHER_COMPARISON = /\b(?!(?:rust|rustlang|go|golang)\b)[\w.+#/-]+\s+(?:vs\.?|versus)\s+(?!(?:rust|rustlang|go|golang)\b)[\w.+#/-]+/;

interface Rule {
  readonly id: Factor['id'];
  readonly pattern: RegExp;
  readonly lean: (text: string) => Lean;
  readonly note: (lean: Lean) => string;
}

const knows = (lang: string) => new RegExp(`\\b(?:know|knows|used to|experience (?:in|with)|comfortable with|fluent in|background in)\\s+(?:${lang})\\b|\\b(?:${lang})\\s+(?:shop|devs|developers|experience|background)\\b`);

const RULES: readonly Rule[] = [
  {
    id: 'cpu',
    pattern: /\b(?:cpu|compute|crunch\w*|encod\w*|transcod\w*|video|image processing|compress\w*|simulation|number crunching|ml|inference|parsing|heavy math|cryptograph\w*)\b/,
    lean: () => 'rust',
    note: () => 'CPU-heavy work is where Rust usually pulls ahead.',
  },
  {
    id: 'io',
    pattern: /\b(?:crud|rest|api|apis|websockets?|i\/o|io[- ]bound|database|db|postgres|proxy|gateway|webhooks?|microservices?|glue|queue|http)\b/,
    lean: () => 'go',
    note: () => 'Mostly waiting on the network or a database favours Go: goroutines make that simple and fast enough.',
  },
  {
    id: 'deadline',
    pattern: /\b(?:mvp|deadline|asap|prototype|poc|\d+\s*(?:weeks?|wks?|days?|months?)|next (?:week|month|quarter)|ship (?:fast|quickly|soon)|quickly|tight schedule)\b/,
    lean: () => 'go',
    note: () => 'A near deadline favours Go, which a team can be productive in sooner.',
  },
  {
    id: 'team',
    pattern: /\b(?:team|we|devs|developers|engineers)\b.*\b(?:know|knows|experience|background|comfortable|fluent|junior|new to|never used|shop)\b/,
    lean: (text) => (knows('rust').test(text) && !knows('go|golang').test(text) ? 'rust' : 'go'),
    note: (lean) =>
      lean === 'rust'
        ? 'A team that already knows Rust skips its steep learning curve.'
        : 'Without Rust experience on the team, Go is much quicker to pick up.',
  },
  {
    id: 'latency',
    pattern: /\b(?:latency|p99|p95|tail|real[- ]?time|jitter|microseconds?|low[- ]latency|hft|trading|gc pauses?)\b/,
    lean: () => 'rust',
    note: () => 'Strict latency targets favour Rust, which has no garbage collector.',
  },
  {
    id: 'ecosystem',
    pattern: /\b(?:librar\w*|ecosystem|sdks?|crates?|packages?|integrations?|drivers?)\b/,
    lean: () => 'neither',
    note: () => 'Check that the libraries you need exist and are maintained in the language you pick.',
  },
];

/** Fewest stated factors that make a message a described service rather than "rust or go?"… */
const MIN_FACTORS = 1;
/** …unless it is this long: a paragraph about a team ending in "Rust or Go?" is one, factors or not. */
const DESCRIBED_WORDS = 15;
/** A described service takes some words; "rust or go api?" is too thin to read factors from. */
const MIN_WORDS = 7;

/** The factors a choose-for-us message states, or `undefined` when the message is not one. */
export function readDecision(text: string): Factor[] | undefined {
  const t = text.toLowerCase().replace(/\s+/g, ' ');
  const length = t.split(' ').length;
  if (length < MIN_WORDS || !ASKS_CHOICE.some((p) => p.test(t)) || COMPARES_ATTRIBUTE.test(t)) return undefined;
  if (OTHER_COMPARISON.test(t) && !NAMES_BOTH.some((p) => p.test(t))) return undefined;
  const factors = RULES.filter((r) => r.pattern.test(t)).map((r) => {
    const lean = r.lean(t);
    return { id: r.id, lean, note: r.note(lean) };
  });
  return factors.length >= MIN_FACTORS || length >= DESCRIBED_WORDS ? factors : undefined;
}
