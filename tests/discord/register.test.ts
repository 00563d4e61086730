import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../adapters/discord/register.js';
import { FakeDiscord } from '../helpers/fake-discord.js';

const run = promisify(execFile);
const SCRIPT = 'dist/adapters/discord/register.js';

describe('registering /rustgo (npm run discord:register)', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => fake?.close());

  it('GIVEN a guild id THEN the command is put into that guild with its text option', async () => {
    const { world } = fake;
    const done = await registerCommands({ token: fake.token, apiUrl: fake.apiUrl, applicationId: world.applicationId, guildId: world.guildId });
    expect(done.scope).toBe('guild');
    const put = await fake.waitFor((r) => r.method === 'PUT' && r.path === `/applications/${world.applicationId}/guilds/${world.guildId}/commands`);
    expect(put.authorization).toBe(`Bot ${fake.token}`);
    expect(put.json).toMatchObject([{ name: 'rustgo', options: [{ name: 'text', type: 3, required: false }] }]);
    expect(done.commandIds).toHaveLength(1);
  });

  it('GIVEN no guild id THEN the command is registered globally', async () => {
    const done = await registerCommands({ token: fake.token, apiUrl: fake.apiUrl, applicationId: fake.world.applicationId });
    expect(done.scope).toBe('global');
    expect(fake.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${fake.world.applicationId}/commands`)).toBe(true);
  });

  it('GIVEN no application id THEN it refuses with a message naming DISCORD_APPLICATION_ID', async () => {
    await expect(registerCommands({ token: fake.token, apiUrl: fake.apiUrl })).rejects.toThrow(/DISCORD_APPLICATION_ID/);
  });

  it.runIf(existsSync(SCRIPT))('GIVEN the built script and DISCORD_API_URL THEN it registers against that API and says where', async () => {
    const before = fake.requests.length;
    const env = {
      PATH: process.env.PATH,
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_APPLICATION_ID: fake.world.applicationId,
      DISCORD_GUILD_ID: fake.world.guildId,
      STORE_URL: 'memory://',
    };
    const { stdout } = await run(process.execPath, [SCRIPT], { env });
    expect(stdout).toContain(`Registered /rustgo in guild ${fake.world.guildId}`);
    expect(fake.requests.slice(before).some((r) => r.method === 'PUT')).toBe(true);
  });

  it.runIf(existsSync(SCRIPT))('GIVEN a rejected token THEN the script exits 1 naming DISCORD_TOKEN', async () => {
    const env = { PATH: process.env.PATH, DISCORD_TOKEN: 'wrong-token', DISCORD_API_URL: fake.apiUrl, DISCORD_APPLICATION_ID: fake.world.applicationId, STORE_URL: 'memory://' };
    const err = await run(process.execPath, [SCRIPT], { env }).then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect(err?.code).toBe(1);
    expect(err?.stderr).toContain('DISCORD_TOKEN');
    expect(err?.stderr).not.toContain('wrong-token');
  });
});
