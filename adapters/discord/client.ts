import { Client, GatewayIntentBits, Partials } from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import { screenedStrategy } from './gateway-screen.js';
import { discordHttpAgent } from './http-agent.js';
import { NO_PINGS } from './render.js';

/**
 * Intents: guilds (channel cache, permissions), guild messages (mentions of the bot) and direct
 * messages. Not the privileged message-content intent: Discord sends the content of messages that
 * mention the bot, and of DMs, without it.
 */
export const DISCORD_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
] as const;

/**
 * A discord.js client that pings no one by default, uses its own HTTP agent (see http-agent.ts) and
 * screens gateway dispatches (see gateway-screen.ts).
 */
export function buildClient(config: DiscordConfig, logger: Logger): Client {
  return new Client({
    intents: [...DISCORD_INTENTS],
    partials: [Partials.Channel],
    allowedMentions: NO_PINGS,
    failIfNotExists: false,
    ws: { buildStrategy: screenedStrategy(logger) },
    rest: { agent: discordHttpAgent(), ...(config.apiUrl ? { api: config.apiUrl } : {}) },
  });
}
