/**
 * A message that gives each language its own part ("the hot path in rust and the rest in go", "go for the
 * apis, rust for compute") asks about using both: a hybrid, whatever words it uses for that.
 */
const JOIN = String.raw`(?:\band\b|,|\bwhile\b|\bbut\b|\bplus\b)`;
const ROLES = [
  new RegExp(String.raw`\b(?:in|with|for|to)\s+(rust|go|golang)\b.*?${JOIN}.*?\b(?:in|with|for|to)\s+(rust|go|golang)\b`, 'i'),
  new RegExp(String.raw`\b(rust|go|golang)\s+(?:for|where|on)\b.*?${JOIN}.*?\b(rust|go|golang)\s+(?:for|where|on)\b`, 'i'),
];

const family = (name: string) => (name.toLowerCase() === 'rust' ? 'rust' : 'go');

/** True when the text assigns one part to Rust and another to Go. */
export function givesRoles(text: string): boolean {
  return ROLES.some((pattern) => {
    const m = pattern.exec(text);
    return m !== null && family(m[1] ?? '') !== family(m[2] ?? '');
  });
}
