import { pino, type Logger, type DestinationStream } from 'pino';
import { secretScrubber } from './secrets.js';

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

export function createLogger(options: LoggerOptions): Logger {
  const fd = typeof options.destination === 'number' ? options.destination : 1;
  const clean = secretScrubber(options.secrets ?? []);
  const base = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => scrubValue(a, clean, 0)));
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

/** Copies a log argument with every string scrubbed of secret values; errors stay errors. */
function scrubValue(value: unknown, clean: (s: string) => string, depth: number): unknown {
  if (typeof value === 'string') return clean(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const copy = new Error(clean(value.message));
    copy.name = value.name;
    copy.stack = value.stack ? clean(value.stack) : undefined;
    for (const [k, v] of Object.entries(value)) (copy as unknown as Record<string, unknown>)[k] = scrubValue(v, clean, depth + 1);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, clean, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, clean, depth + 1)]));
}

/** A logger that writes nothing; for tests and tools. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
