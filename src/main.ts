// discord.js first: Bolt 5 installs undici 7 as Node's global dispatcher when it loads (see the Discord adapter).
import { createDiscordAdapter } from '../adapters/discord/index.js';
import { createConsoleAdapter } from '../adapters/console/index.js';
import { createSlackAdapter } from '../adapters/slack/index.js';
import { createCore } from './app.js';
import type { Bot } from './core/bot.js';
import { loadConfig, type Config } from './config.js';
import type { ChatAdapter } from './core/messages.js';
import { BotError } from './errors.js';
import { Health, startHealthServer } from './health.js';
import { createLogger, type Logger } from './logger.js';

/**
 * The composition root, and the only file in src/ that knows the adapters: config → logger →
 * core → adapters, then a clean shutdown on SIGINT/SIGTERM.
 */
async function main(argv: readonly string[]): Promise<void> {
  const json = argv.includes('--json');
  let config: Readonly<Config>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    process.stderr.write(`rustgo: cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const terminalChat = !config.slack && !config.discord;
  // In the terminal chat stdout belongs to the conversation, so logs go to stderr.
  const fd = terminalChat ? 2 : 1;
  const logger = createLogger({
    level: config.logLevel ?? (terminalChat ? 'warn' : 'info'),
    pretty: Boolean(terminalChat ? process.stderr.isTTY : process.stdout.isTTY),
    destination: fd,
    secrets: [config.slack?.botToken, config.slack?.signingSecret, config.slack?.appToken, config.discord?.token, config.pollSecret].filter(
      (s): s is string => typeof s === 'string',
    ),
  });

  const { bot, store } = await createCore(config, logger).catch((err: unknown) => fatal(logger, err));
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

  if (config.port !== undefined && config.slack?.mode !== 'http') {
    const server = await startHealthServer(config.port, () => health.report(), config.host).catch((err: unknown) =>
      fatal(logger, new BotError('port_unavailable', `PORT: cannot listen on ${config.port} (${(err as Error).message})`)),
    );
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  }

  adapters.push(...platformAdapters(config, bot, logger, health));
  if (terminalChat) {
    adapters.push(
      createConsoleAdapter({
        handler: bot,
        logger: logger.child({ adapter: 'console' }),
        input: process.stdin,
        output: process.stdout,
        json,
        interactive: Boolean(process.stdin.isTTY),
        onEnd: () => void shutdown(0),
      }),
    );
  }
  // Before the adapters start: a poll that expired while the bot was down is closed by the first sweep.
  await bot.start({ outboxes: adapters.flatMap((a) => (a.outbox ? [a.outbox] : [])) });
  // Stopped during the start-up sweep: shutdown() exits; starting the adapters now would only race it.
  if (stopping) return;
  for (const adapter of adapters) {
    health.set(adapter.platform, 'starting');
    await adapter.start().catch((err: unknown) => fatal(logger, err));
    health.set(adapter.platform, 'running');
    logger.info({ adapter: adapter.platform }, 'adapter started');
  }
}

/** The Slack and Discord adapters the configuration asks for (both may run in one process). */
function platformAdapters(config: Readonly<Config>, bot: Bot, logger: Logger, health: Health): ChatAdapter[] {
  const list: ChatAdapter[] = [];
  if (config.discord) {
    list.push(
      createDiscordAdapter(config.discord, { handler: bot, logger, onState: (state) => health.set('discord', state) }),
    );
  }
  if (config.slack) {
    // In HTTP mode Bolt's own server answers /healthz on PORT, next to /slack/events.
    const healthRoute = config.slack.mode === 'http' ? { health: () => health.report() } : {};
    list.push(createSlackAdapter(config.slack, { handler: bot, logger, ...healthRoute, ...(config.host ? { host: config.host } : {}) }));
  }
  return list;
}

function fatal(logger: Logger, err: unknown): never {
  const message = err instanceof BotError ? err.message : String((err as Error)?.message ?? err);
  logger.fatal({ err }, 'start-up failed');
  process.stderr.write(`rustgo: cannot start: ${message}\n`);
  process.exit(1);
}

await main(process.argv.slice(2));
