import { DiscordjsErrorCodes, GatewayCloseCodes } from 'discord.js';
import { BotError } from '../../src/errors.js';

function codeOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
}

/**
 * Turns a failed login into an error an operator can act on: a rejected token names DISCORD_TOKEN,
 * a 4014 close names the intent settings in the developer portal. Others keep their cause.
 */
export function startupError(err: unknown, closeCode: number | undefined): BotError {
  if (codeOf(err) === DiscordjsErrorCodes.TokenInvalid || closeCode === GatewayCloseCodes.AuthenticationFailed) {
    return new BotError(
      'discord_token_rejected',
      'Discord rejected DISCORD_TOKEN (401 Unauthorized). Copy the bot token again from the Discord developer portal (your application → Bot → Reset Token) and set DISCORD_TOKEN to it.',
      { cause: err },
    );
  }
  if (closeCode === GatewayCloseCodes.DisallowedIntents) {
    return new BotError(
      'discord_disallowed_intents',
      'Discord closed the gateway with code 4014 (disallowed intents): the bot asked for a gateway intent it is not allowed. In the Discord developer portal open your application → Bot → Privileged Gateway Intents and enable the intents the bot requests, or make sure this build requests only Guilds, Guild Messages and Direct Messages (RustGo needs no privileged intent).',
      { cause: err },
    );
  }
  if (closeCode === GatewayCloseCodes.InvalidIntents) {
    return new BotError('discord_invalid_intents', 'Discord closed the gateway with code 4013 (invalid intents).', { cause: err });
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new BotError('discord_start_failed', `The Discord adapter could not connect: ${detail}`, { cause: err });
}
