/**
 * What a question asks that its words alone do not say, as words the vocabulary knows: a message that gives
 * each language its own part ("the hot path in rust and the rest in go") asks about a hybrid; a question
 * about the languages in the future tense ("will rust overtake go?") asks for the outlook.
 */
const JOIN = String.raw`(?:\band\b|,|\bwhile\b|\bbut\b|\bplus\b)`;
const ROLES = [
  new RegExp(String.raw`\b(?:in|with|for|to)\s+(rust|go|golang)\b.*?${JOIN}.*?\b(?:in|with|for|to)\s+(rust|go|golang)\b`, 'i'),
  new RegExp(String.raw`\b(rust|go|golang)\s+(?:for|where|on)\b.*?${JOIN}.*?\b(rust|go|golang)\s+(?:for|where|on)\b`, 'i'),
  // "go for apis rust for compute": two short parts side by side need no joining word.
  /\b(rust|go|golang)\s+for\s+(?:[\w/-]+\s+){1,2}(rust|go|golang)\s+for\b/i,
  // "calling rust from go": one language used from inside the other.
  /\bcall(?:s|ed|ing)?\s+(?:into\s+)?(rust|go|golang)\b.*?\bfrom\s+(?:a\s+|an\s+|the\s+|our\s+)?(rust|go|golang)\b/i,
];
const LANGUAGE = /\b(?:rust|go|golang)\b/i;
/** Future tense, or a year past the knowledge base's own (2026); "where will i find" is about the asker, not the languages. */
const AHEAD = /\b(?:will(?!\s+(?:i|we|you|u)\b)|gonna|going to|20[3-9]\d)\b/i;
/** "is CI gonna get slower if we go rust" asks what a choice would cause, not where the languages are heading. */
const CONDITION = /\bif\b/i;

const family = (name: string) => (name.toLowerCase() === 'rust' ? 'rust' : 'go');

/** True when the text assigns one part to Rust and another to Go. */
export function givesRoles(text: string): boolean {
  return ROLES.some((pattern) => {
    const m = pattern.exec(text);
    return m !== null && family(m[1] ?? '') !== family(m[2] ?? '');
  });
}

/** Words to read a question with, as if the user had written them too (empty when none); both are in the vocabulary. */
export function hintWords(text: string): string {
  if (givesRoles(text)) return 'hybrid';
  return AHEAD.test(text) && LANGUAGE.test(text) && !CONDITION.test(text) ? 'outlook' : '';
}
