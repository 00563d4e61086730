import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Paths pino blanks out wherever they appear in a log object. */
export const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'pollSecret',
  'password',
  'authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.pollSecret',
  '*.password',
  '*.authorization',
  '*.headers.authorization',
  '*.*.token',
  'config.slack',
  'config.discord',
];

export interface LoggerOptions {
  level: string;
  /** Human-readable output (pino-pretty) instead of JSON lines. */
  pretty?: boolean;
  /** Where lines go; stdout by default, stderr when stdout carries the bot's own output. */
  destination?: DestinationStream | 1 | 2;
  /** Exact secret values to blank out of any message text, as a last line of defence. */
  secrets?: readonly string[];
}

function scrub(secrets: readonly string[]) {
  const values = secrets.filter((s) => s.length >= 8);
  return (text: string): string => values.reduce((acc, s) => acc.split(s).join('[Redacted]'), text);
}

export function createLogger(options: LoggerOptions): Logger {
  const fd = typeof options.destination === 'number' ? options.destination : 1;
  const clean = scrub(options.secrets ?? []);
  const base = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? clean(a) : a instanceof Error ? scrubError(a, clean) : a)),
        );
      },
    },
    formatters: {
      log(object: Record<string, unknown>) {
        return JSON.parse(clean(JSON.stringify(object, errorReplacer))) as Record<string, unknown>;
      },
    },
  };
  if (options.pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { destination: fd, colorize: true, translateTime: 'HH:MM:ss' } },
    });
  }
  const dest = typeof options.destination === 'object' ? options.destination : pino.destination({ fd, sync: true });
  return pino(base, dest);
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { type: value.name, message: value.message, stack: value.stack, code: (value as { code?: unknown }).code };
  }
  return value;
}

function scrubError(err: Error, clean: (s: string) => string): Record<string, unknown> {
  return { err: { type: err.name, message: clean(err.message), stack: err.stack ? clean(err.stack) : undefined } };
}

/** A logger that writes nothing; for tests and tools. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
