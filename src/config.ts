import { z } from 'zod';
import { ConfigError } from './errors.js';
import { maskUrlCredentials } from './mask.js';

/** Where state lives, parsed from STORE_URL. */
export type StoreConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'memory' }
  | { kind: 'redis'; url: string };

export interface SlackConfig {
  mode: 'http' | 'socket';
  botToken: string;
  signingSecret?: string | undefined;
  appToken?: string | undefined;
  apiUrl?: string | undefined;
  /** Port of Bolt's HTTP receiver in HTTP mode. */
  port: number;
}

export interface DiscordConfig {
  token: string;
  apiUrl?: string | undefined;
  applicationId?: string | undefined;
  guildId?: string | undefined;
}

export interface Config {
  slack?: SlackConfig | undefined;
  discord?: DiscordConfig | undefined;
  store: StoreConfig;
  /** HTTP port for Slack's endpoint and /healthz; unset means no health endpoint outside Slack HTTP mode. */
  port?: number | undefined;
  /** Interface the PORT listeners bind to; unset means all interfaces (as a container needs). */
  host?: string | undefined;
  knowledgeDir?: string | undefined;
  pollSecret?: string | undefined;
  rateLimitPerMinute: number;
  /** Unset: `info`, or `warn` in the terminal chat, where logs would interrupt the conversation. */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' | undefined;
}

const DEFAULT_STORE_URL = 'sqlite://./data/rustgo.sqlite';
const DEFAULT_SLACK_PORT = 3000;

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const httpUrl = (example: string) =>
  z
    .string()
    .trim()
    .transform((s) => (s === '' ? undefined : s))
    .pipe(
      z
        .url({ protocol: /^https?$/, error: `a http(s) URL such as ${example}` })
        .optional(),
    )
    .optional();

const wholeNumber = (min: number, max: number, expected: string) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,9}$/, { error: expected })
      .transform(Number)
      .pipe(z.number().min(min, { error: expected }).max(max, { error: expected }))
      .optional(),
  );

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(
    z.string().startsWith('xoxb-', { error: 'a bot token beginning with xoxb-' }).optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', { error: 'an app-level token beginning with xapp-' }).optional(),
  ),
  SLACK_API_URL: httpUrl('http://127.0.0.1:9000/api/'),
  DISCORD_TOKEN: optionalText,
  DISCORD_API_URL: httpUrl('http://127.0.0.1:9001/api'),
  DISCORD_APPLICATION_ID: optionalText.pipe(
    z.string().regex(/^\d{5,25}$/, { error: 'a numeric application id (a snowflake)' }).optional(),
  ),
  DISCORD_GUILD_ID: optionalText.pipe(
    z.string().regex(/^\d{5,25}$/, { error: 'a numeric guild id (a snowflake)' }).optional(),
  ),
  STORE_URL: optionalText,
  PORT: wholeNumber(1, 65535, 'a TCP port number between 1 and 65535'),
  HOST: optionalText.pipe(
    z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, { error: 'an interface address such as 127.0.0.1 or ::1' }).optional(),
  ),
  KNOWLEDGE_DIR: optionalText,
  POLL_SECRET: optionalText.pipe(
    z.string().min(16, { error: 'at least 16 characters of random text' }).optional(),
  ),
  RATE_LIMIT_PER_MINUTE: wholeNumber(1, 100_000, 'a whole number of commands per user per minute, 1 or more'),
  LOG_LEVEL: optionalText.pipe(
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'one of fatal, error, warn, info, debug, trace, silent',
      })
      .optional(),
  ),
});

type Env = z.infer<typeof envSchema>;

function parseStoreUrl(raw: string): StoreConfig {
  const expected = 'STORE_URL: expected sqlite://PATH, memory:// or redis://HOST:PORT';
  // URL schemes are case-insensitive (RFC 3986), so `Redis://` and `SQLITE://` mean what they say.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(raw)?.[0].toLowerCase() ?? '';
  const rest = raw.slice(scheme.length);
  if (scheme === 'memory:' && (rest === '' || rest === '//')) return { kind: 'memory' };
  if (scheme === 'sqlite:' && rest.startsWith('//')) {
    const path = rest.slice(2);
    if (path === '') throw new ConfigError(`${expected} (the sqlite path is empty)`);
    return { kind: 'sqlite', path };
  }
  if ((scheme === 'redis:' || scheme === 'rediss:') && rest.startsWith('//')) {
    const url = scheme + rest;
    if (!URL.canParse(url)) throw new ConfigError(`${expected} (got an unparsable redis URL)`);
    return { kind: 'redis', url };
  }
  throw new ConfigError(`${expected} (got "${maskUrlCredentials(raw).slice(0, 40)}")`);
}

function slackConfig(env: Env): SlackConfig | undefined {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = env;
  if (!botToken) {
    if (signingSecret || appToken) {
      throw new ConfigError(
        'SLACK_BOT_TOKEN: expected a bot token beginning with xoxb- (SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set without it)',
      );
    }
    return undefined;
  }
  if (!appToken && !signingSecret) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET: expected the app’s signing secret for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  return {
    mode: appToken ? 'socket' : 'http',
    botToken,
    signingSecret,
    appToken,
    apiUrl: env.SLACK_API_URL,
    port: env.PORT ?? DEFAULT_SLACK_PORT,
  };
}

/** Validates the environment once; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(source: Record<string, string | undefined>): Readonly<Config> {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`${name}: expected ${issue?.message ?? 'a valid value'}`);
  }
  const env = parsed.data;
  const discord: DiscordConfig | undefined = env.DISCORD_TOKEN
    ? {
        token: env.DISCORD_TOKEN,
        apiUrl: env.DISCORD_API_URL,
        applicationId: env.DISCORD_APPLICATION_ID,
        guildId: env.DISCORD_GUILD_ID,
      }
    : undefined;
  return Object.freeze({
    slack: slackConfig(env),
    discord,
    store: parseStoreUrl(env.STORE_URL ?? DEFAULT_STORE_URL),
    port: env.PORT,
    host: env.HOST,
    knowledgeDir: env.KNOWLEDGE_DIR,
    pollSecret: env.POLL_SECRET,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE ?? 20,
    logLevel: env.LOG_LEVEL,
  });
}
