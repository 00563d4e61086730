import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { BotProcess, ENTRY, cleanEnv, killAllBots, slackHttpEnv } from '../helpers/bot-process.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';

/** A module hook that writes every module URL the app resolves to a file, so a test can see what start-up loaded. */
function moduleRecorder(): { nodeOptions: string; loaded: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'rustgo-loaded-'));
  const log = join(dir, 'loaded.txt');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';\n` +
      `export async function resolve(specifier, context, next) {\n` +
      `  const result = await next(specifier, context);\n` +
      `  appendFileSync(${JSON.stringify(log)}, result.url + '\\n');\n` +
      `  return result;\n}\n`,
  );
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
  return { nodeOptions: `--import ${join(dir, 'register.mjs')}`, loaded: () => readFileSync(log, 'utf8').split('\n') };
}

const fromPackage = (urls: string[], name: string) => urls.filter((u) => u.includes(`/node_modules/${name}/`));

describe('start-up loads only what runs', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await killAllBots();
    await fake.close();
  });

  it('GIVEN only Slack settings THEN Bolt is loaded and discord.js is not', async () => {
    const recorder = moduleRecorder();
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'rustgo-lean-')), 'state.sqlite')}`;
    const bot = await BotProcess.start({ env: { ...slackHttpEnv(fake, store), NODE_OPTIONS: recorder.nodeOptions } });
    await bot.stop();
    const loaded = recorder.loaded();
    // Bolt is inlined in the Slack adapter's chunk of the bundle: the chunk loads, Bolt's own files do not.
    expect(loaded.filter((u) => u.includes('/dist/app/slack-'))).toHaveLength(1);
    expect(fromPackage(loaded, '@slack/bolt')).toEqual([]);
    expect(fromPackage(loaded, 'discord.js')).toEqual([]);
    expect(fromPackage(loaded, '@keyv/redis')).toEqual([]);
  });

  it('GIVEN a current content snapshot THEN start-up reads it and does not load the YAML loaders', async () => {
    // The build's last step, as `npm run build` and `npm start` run it after compiling.
    execFileSync(process.execPath, [join(packageRoot(), 'dist', 'src', 'write-content-snapshot.js')]);
    const recorder = moduleRecorder();
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'rustgo-lean-')), 'state.sqlite')}`;
    const bot = await BotProcess.start({ env: { ...slackHttpEnv(fake, store), NODE_OPTIONS: recorder.nodeOptions } });
    await bot.stop();
    const loaded = recorder.loaded();
    // The YAML loaders are their own chunk of the bundle, reached only when the content files must be parsed.
    expect(readdirSync(join(packageRoot(), 'dist', 'app')).some((f) => f.startsWith('content-sources-'))).toBe(true);
    expect(loaded.some((u) => u.endsWith('/dist/app/main.js'))).toBe(true);
    expect(loaded.filter((u) => u.includes('/dist/app/content-sources-'))).toEqual([]);
    expect(fromPackage(loaded, 'yaml')).toEqual([]);
    // The package root would load every storage backend the limiter supports.
    expect(loaded.filter((u) => u.endsWith('/rate-limiter-flexible/index.js'))).toEqual([]);
  });

  it('GIVEN the terminal chat THEN neither platform library is loaded', () => {
    const recorder = moduleRecorder();
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'rustgo-lean-')), 'state.sqlite')}`;
    const result = spawnSync(process.execPath, [ENTRY], {
      input: 'help\n',
      env: { ...cleanEnv(), STORE_URL: store, NODE_OPTIONS: recorder.nodeOptions },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('checklist');
    const loaded = recorder.loaded();
    expect(loaded.some((u) => u.includes('/dist/app/console-'))).toBe(true);
    expect(loaded.filter((u) => u.includes('/dist/app/slack-'))).toEqual([]);
    expect(fromPackage(loaded, '@slack/bolt')).toEqual([]);
    expect(fromPackage(loaded, 'discord.js')).toEqual([]);
  });
});
