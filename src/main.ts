import { createCore } from './app.js';
import type { Bot } from './core/bot.js';
import { loadConfig, type Config } from './config.js';
import type { ChatAdapter } from './core/messages.js';
import { BotError } from './errors.js';
import { Health, startHealthServer } from './health.js';
import { createLogger, type Logger } from './logger.js';
import { secretScrubber } from './secrets.js';
import { maskUrlCredentials } from './mask.js';
import { startupFailureLine } from './startup-error.js';

/**
 * The composition root, and the only file in src/ that knows the adapters: config → logger →
 * core → adapters, then a clean shutdown on SIGINT/SIGTERM.
 */
async function main(argv: readonly string[]): Promise<void> {
  let config: Readonly<Config>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    process.stderr.write(startupFailureLine(err, maskUrlCredentials));
    process.exit(1);
  }
  const terminalChat = !config.slack && !config.discord;
  const { logger, fatal } = startupLogging(config, terminalChat);
  const { bot, store } = await createCore(config, logger).catch(fatal);
  const adapters: ChatAdapter[] = [];
  const health = new Health(store, () => bot.damagedRecords);
  const closers: Array<() => Promise<void>> = [];
  let stopping = false;

  async function shutdown(code: number): Promise<never> {
    if (!stopping) {
      stopping = true;
      // First, while the outboxes still work: a deadline sweep under way finishes closing and announcing its poll.
      await bot.stop().catch((err: unknown) => logger.warn({ err }, 'core stop failed'));
      for (const adapter of adapters.reverse()) {
        await adapter.stop().catch((err) => logger.warn({ err }, 'adapter stop failed'));
        health.set(adapter.platform, 'stopped');
      }
      for (const close of closers) await close().catch((err) => logger.warn({ err }, 'shutdown step failed'));
      await store.close().then(
        () => logger.info({ store: store.kind }, 'store closed'),
        (err: unknown) => logger.warn({ err }, 'store close failed'),
      );
    }
    process.exit(code);
  }
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  // Configured platforms count as starting from the first /healthz on: their adapters load only after it listens.
  for (const platform of ['slack', 'discord'] as const) if (config[platform]) health.set(platform, 'starting');
  if (config.port !== undefined && config.slack?.mode !== 'http') {
    const server = await startHealthServer(config.port, () => health.report(), config.host).catch((err: unknown) =>
      fatal(new BotError('port_unavailable', `PORT: cannot listen on ${config.port} (${(err as Error).message})`)),
    );
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  }

  adapters.push(...(await platformAdapters(config, bot, logger, health)));
  if (terminalChat) adapters.push(await terminalAdapter(bot, logger, argv.includes('--json'), () => void shutdown(0)));
  // Before the adapters start: a poll that expired while the bot was down is closed by the first sweep.
  await bot.start({ outboxes: adapters.flatMap((a) => (a.outbox ? [a.outbox] : [])) });
  // Stopped during the start-up sweep: shutdown() exits; starting the adapters now would only race it.
  if (stopping) return;
  await startAdapters(adapters, health, logger, fatal);
}

/**
 * The logger, and how start-up fails: one line on stderr naming the setting or file, with secrets and URL
 * credentials masked; the stack trace only at LOG_LEVEL=debug, where someone is looking for it.
 */
function startupLogging(config: Readonly<Config>, terminalChat: boolean): { logger: Logger; fatal: (err: unknown) => never } {
  const secrets = [config.slack?.botToken, config.slack?.signingSecret, config.slack?.appToken, config.discord?.token, config.pollSecret].filter(
    (s): s is string => typeof s === 'string',
  );
  const logger = createLogger({
    level: config.logLevel ?? (terminalChat ? 'warn' : 'info'),
    pretty: Boolean(terminalChat ? process.stderr.isTTY : process.stdout.isTTY),
    // In the terminal chat stdout belongs to the conversation, so logs go to stderr.
    destination: terminalChat ? 2 : 1,
    secrets,
  });
  const clean = secretScrubber(secrets);
  const port = config.slack?.mode === 'http' ? config.slack.port : config.port;
  const fatal = (err: unknown): never => {
    if (logger.isLevelEnabled('debug')) logger.fatal({ err }, 'start-up failed');
    process.stderr.write(startupFailureLine(err, clean, port));
    process.exit(1);
  };
  return { logger, fatal };
}

async function startAdapters(adapters: readonly ChatAdapter[], health: Health, logger: Logger, fatal: (err: unknown) => never): Promise<void> {
  for (const adapter of adapters) {
    health.set(adapter.platform, 'starting');
    await adapter.start().catch(fatal);
    health.set(adapter.platform, 'running');
    logger.info({ adapter: adapter.platform }, 'adapter started');
  }
}

/**
 * The Slack and Discord adapters the configuration asks for (both may run in one process). Each platform
 * library is imported only when its token is set, so a Slack-only bot never loads discord.js and the
 * terminal chat loads neither. discord.js is imported before Bolt: Bolt 5 installs undici 7 as Node's
 * global dispatcher when it loads (see the Discord adapter).
 */
async function platformAdapters(config: Readonly<Config>, bot: Bot, logger: Logger, health: Health): Promise<ChatAdapter[]> {
  const list: ChatAdapter[] = [];
  if (config.discord) {
    const { createDiscordAdapter } = await import('../adapters/discord/index.js');
    list.push(createDiscordAdapter(config.discord, { handler: bot, logger, onState: (state) => health.set('discord', state) }));
  }
  if (config.slack) {
    const { createSlackAdapter } = await import('../adapters/slack/index.js');
    // In HTTP mode Bolt's own server answers /healthz on PORT, next to /slack/events.
    const healthRoute = config.slack.mode === 'http' ? { health: () => health.report() } : {};
    list.push(createSlackAdapter(config.slack, { handler: bot, logger, ...healthRoute, ...(config.host ? { host: config.host } : {}) }));
  }
  return list;
}

async function terminalAdapter(bot: Bot, logger: Logger, json: boolean, onEnd: () => void): Promise<ChatAdapter> {
  const { createConsoleAdapter } = await import('../adapters/console/index.js');
  return createConsoleAdapter({
    handler: bot,
    logger: logger.child({ adapter: 'console' }),
    input: process.stdin,
    output: process.stdout,
    json,
    interactive: Boolean(process.stdin.isTTY),
    onEnd,
  });
}

await main(process.argv.slice(2));
