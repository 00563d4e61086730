import { BotError } from './errors.js';
import { oneLine } from './mask.js';

const LISTEN_FAILURES = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL']);

/**
 * The one line an operator reads when start-up fails: it names the setting or file at fault and
 * what it expects. `clean` masks secrets; the stack is left to the debug log.
 */
export function startupFailureLine(err: unknown, clean: (text: string) => string, port?: number): string {
  const code = (err as { code?: unknown } | null)?.code;
  let message = err instanceof Error ? err.message : String(err);
  // Bolt's own HTTP server reports a taken port in Node's words, without naming the setting.
  if (!(err instanceof BotError) && typeof code === 'string' && LISTEN_FAILURES.has(code)) {
    message = `PORT: cannot listen on ${port ?? 'the configured port'} (${message})`;
  }
  return `rustgo: cannot start: ${oneLine(clean(message))}\n`;
}
