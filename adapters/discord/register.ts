import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { loadConfig, type DiscordConfig } from '../../src/config.js';
import { BotError } from '../../src/errors.js';
import { RUSTGO_COMMAND } from './commands.js';
import { discordHttpAgent } from './http-agent.js';

export interface Registration {
  readonly scope: 'global' | 'guild';
  readonly commandIds: readonly string[];
}

/**
 * Registers `/rustgo` for the application: in one guild when `guildId` is set (visible at once,
 * for development), otherwise globally (may take a while to appear everywhere).
 */
export async function registerCommands(config: DiscordConfig): Promise<Registration> {
  if (!config.applicationId) {
    throw new BotError('discord_application_id_missing', 'DISCORD_APPLICATION_ID: expected the application id from the developer portal (General Information → Application ID)');
  }
  const rest = new REST({ agent: discordHttpAgent(), ...(config.apiUrl ? { api: config.apiUrl } : {}) }).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const created = (await rest.put(route, { body: [RUSTGO_COMMAND] })) as Array<{ id: string }>;
  return { scope: config.guildId ? 'guild' : 'global', commandIds: created.map((c) => c.id) };
}

async function main(): Promise<void> {
  try {
    const config = loadConfig(process.env);
    if (!config.discord) throw new BotError('discord_token_missing', 'DISCORD_TOKEN: expected the bot token from the developer portal (Bot → Reset Token)');
    const done = await registerCommands(config.discord);
    const where = done.scope === 'guild' ? `in guild ${config.discord.guildId}` : 'globally (it can take up to an hour to appear)';
    process.stdout.write(`Registered /rustgo ${where}.\n`);
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    const hint = status === 401 ? ' (Discord rejected DISCORD_TOKEN)' : '';
    process.stderr.write(`discord:register failed${hint}: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
