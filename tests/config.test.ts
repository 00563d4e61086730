import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

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
});
