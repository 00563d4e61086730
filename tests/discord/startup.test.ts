import { describe, expect, it } from 'vitest';
import { BotError } from '../../src/errors.js';
import { DemoHandler, startDiscordRig } from '../helpers/fake-discord-bot.js';
import type { FakeDiscord } from '../helpers/fake-discord.js';

async function startError(prepare: (fake: FakeDiscord) => void): Promise<BotError> {
  const err = await startDiscordRig(new DemoHandler(), { prepare }).then(
    async (rig) => {
      await rig.close();
      throw new Error('the adapter started');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BotError);
  return err as BotError;
}

describe('Discord start-up errors', () => {
  it('GIVEN Discord rejects the token (401) THEN start fails with an error naming DISCORD_TOKEN', async () => {
    const err = await startError((fake) => (fake.rejectToken = true));
    expect(err.code).toBe('discord_token_rejected');
    expect(err.message).toContain('DISCORD_TOKEN');
    expect(err.message).not.toContain('fake-bot-token');
  });

  it('GIVEN the gateway closes with 4014 THEN start fails naming the intents settings in the developer portal', async () => {
    const err = await startError((fake) => (fake.gateway.closeOnIdentify = 4014));
    expect(err.code).toBe('discord_disallowed_intents');
    expect(err.message).toContain('4014');
    expect(err.message).toMatch(/developer portal/);
    expect(err.message).toMatch(/Privileged Gateway Intents/);
  });
});
