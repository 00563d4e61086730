import { format } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { secretScrubber } from '../../src/secrets.js';
import { truncate } from '../shared/text.js';

/**
 * Bolt and its Socket Mode client log through this bridge into our pino logger. Their debug
 * lines carry raw payloads, so every line is scrubbed of the secrets given here first.
 */
export function boltLogger(log: Logger, secrets: readonly (string | undefined)[]): BoltLogger {
  const scrub = secretScrubber(secrets);
  const clean = (args: unknown[]) => truncate(scrub(format(...args)), MAX_LINE);
  let level: LogLevel = toBoltLevel(log.level);
  return {
    debug: (...args: unknown[]) => log.isLevelEnabled('debug') && log.debug(clean(args)),
    info: (...args: unknown[]) => log.isLevelEnabled('info') && log.info(clean(args)),
    warn: (...args: unknown[]) => log.isLevelEnabled('warn') && log.warn(clean(args)),
    error: (...args: unknown[]) => log.isLevelEnabled('error') && log.error(clean(args)),
    // Our logger's level rules; Bolt may ask, but does not get to change it.
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}

/** Bolt's debug lines quote whole payloads; one delivery of megabytes must not become a log line of megabytes. */
const MAX_LINE = 4_000;

function toBoltLevel(level: string): LogLevel {
  if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
  if (level === 'info') return LogLevel.INFO;
  if (level === 'warn') return LogLevel.WARN;
  return LogLevel.ERROR;
}
