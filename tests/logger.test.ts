import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('log redaction', () => {
  const token = 'xoxb-123456789-abcdefghijkl';
  const secret = 'sign1ng-s3cret-value';

  it('GIVEN secrets in fields, messages and errors THEN none reach the log', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: 'debug', destination: stream, secrets: [token, secret] });
    logger.info({ token, config: { slack: { botToken: token } }, headers: { authorization: `Bearer ${token}` } }, 'starting');
    logger.warn(`calling with ${token}`);
    logger.error({ err: new Error(`auth failed for ${token} / ${secret}`) }, 'boom');
    logger.child({ adapter: 'slack' }).info({ signingSecret: secret, nested: { deeper: { value: secret } } }, 'child');
    const all = lines.join('');
    expect(lines).toHaveLength(4);
    expect(all).not.toContain(token);
    expect(all).not.toContain(secret);
    expect(all).toContain('[Redacted]');
    expect(all).toContain('auth failed for');
  });

  it('GIVEN a URL with credentials in a message, a field or an error THEN the password never reaches the log', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: 'debug', destination: stream });
    logger.warn('retrying redis://app:hunter2-pw@db:6379');
    logger.error({ err: new Error('bad URL Redis:/:hunter2-pw@db'), store: 'rediss://:hunter2-pw@db/0' }, 'store failed');
    const all = lines.join('');
    expect(all).not.toContain('hunter2-pw');
    expect(all).toContain('redis://app:***@db:6379');
    expect(all).toContain('Redis:/***@db');
  });

  it('writes JSON lines with the level set by LOG_LEVEL', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: 'warn', destination: stream });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 40, msg: 'shown' });
  });
});
