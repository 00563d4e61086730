import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { maskUrlCredentials, oneLine } from '../src/mask.js';

describe('loadConfig', () => {
  it('GIVEN no settings THEN the terminal chat on the default SQLite file', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ store: { kind: 'sqlite', path: './data/rustgo.sqlite' }, rateLimitPerMinute: 20 });
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
  });

  it('GIVEN Slack HTTP settings THEN http mode on PORT (default 3000)', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toMatchObject({ mode: 'http', port: 3000 });
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9000/api/' })
        .slack,
    ).toMatchObject({ mode: 'http', port: 8080, apiUrl: 'http://127.0.0.1:9000/api/' });
  });

  it('GIVEN an app token THEN Socket Mode without a signing secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.mode).toBe('socket');
  });

  it.each([
    ['memory://', { kind: 'memory' }],
    ['sqlite:///var/lib/rustgo/db.sqlite', { kind: 'sqlite', path: '/var/lib/rustgo/db.sqlite' }],
    ['redis://127.0.0.1:6379', { kind: 'redis', url: 'redis://127.0.0.1:6379' }],
    ['Redis://127.0.0.1:6379', { kind: 'redis', url: 'redis://127.0.0.1:6379' }],
    ['SQLITE:///tmp/x.sqlite', { kind: 'sqlite', path: '/tmp/x.sqlite' }],
  ])('STORE_URL=%s', (url, store) => {
    expect(loadConfig({ STORE_URL: url }).store).toEqual(store);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxp-user' , SLACK_SIGNING_SECRET: 's'}, /^SLACK_BOT_TOKEN: expected a bot token beginning with xoxb-/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_SIGNING_SECRET: expected/],
    [{ SLACK_SIGNING_SECRET: 's' }, /^SLACK_BOT_TOKEN: expected/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'nope' }, /^SLACK_APP_TOKEN: expected an app-level token/],
    [{ SLACK_API_URL: 'not a url' }, /^SLACK_API_URL: expected a http\(s\) URL/],
    [{ DISCORD_API_URL: 'ftp://x' }, /^DISCORD_API_URL: expected a http\(s\) URL/],
    [{ DISCORD_APPLICATION_ID: 'abc' }, /^DISCORD_APPLICATION_ID: expected a numeric application id/],
    [{ STORE_URL: 'postgres://x' }, /^STORE_URL: expected sqlite:\/\/PATH, memory:\/\/ or redis:\/\/HOST:PORT/],
    [{ STORE_URL: 'sqlite://' }, /^STORE_URL: expected .*path is empty/],
    [{ PORT: '70000' }, /^PORT: expected a TCP port number/],
    [{ PORT: 'eighty' }, /^PORT: expected a TCP port number/],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, /^RATE_LIMIT_PER_MINUTE: expected a whole number/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: expected one of fatal/],
    [{ POLL_SECRET: 'short' }, /^POLL_SECRET: expected at least 16 characters/],
  ])('GIVEN %j THEN one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('GIVEN a bad secret value THEN the error does not echo it', () => {
    expect(() => loadConfig({ POLL_SECRET: 'tiny-secret' })).toThrow(/^POLL_SECRET/);
    try {
      loadConfig({ POLL_SECRET: 'tiny-secret' });
    } catch (err) {
      expect((err as Error).message).not.toContain('tiny-secret');
    }
  });

  it.each(['redis:/:pa55word-x@host', 'Redis://:pa55word-x@host:6379 x', 'redis://:pa55word-x@ho st', 'mongo://u:pa55word-x@h'])(
    'GIVEN STORE_URL=%s THEN the error names STORE_URL without the password',
    (url) => {
      expect(() => loadConfig({ STORE_URL: url })).toThrow(/^STORE_URL: expected/);
      try {
        loadConfig({ STORE_URL: url });
      } catch (err) {
        expect((err as Error).message).not.toContain('pa55word-x');
      }
    },
  );
});

describe('maskUrlCredentials', () => {
  it.each([
    ['redis://:pw@h:6379', 'redis://***@h:6379'],
    ['rediss://user:p@ss/w@h/0', 'rediss://user:***@h/0'],
    ['see redis:/:pw@h and REDIS://u:pw@h', 'see redis:/***@h and REDIS://u:***@h'],
    ['https://tok@example.com/x', 'https://***@example.com/x'],
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['PORT: expected a number', 'PORT: expected a number'],
  ])('%s → %s', (raw, masked) => {
    expect(maskUrlCredentials(raw)).toBe(masked);
  });
});

describe('oneLine', () => {
  it('keeps the first line of a code-framed message and closes what it opened', () => {
    expect(oneLine('f.md: not valid YAML (Unexpected flow at line 3, column 8:\n\ntitle: [x\n       ^\n)')).toBe(
      'f.md: not valid YAML (Unexpected flow at line 3, column 8)',
    );
    expect(oneLine('PORT: expected a number')).toBe('PORT: expected a number');
  });
});
