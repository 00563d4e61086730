import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, killAllBots, leakedSecrets, PROCESS_SECRETS, slackHttpEnv, StartError, type HealthAnswer } from '../helpers/bot-process.js';
import { FakeDiscord } from '../helpers/fake-discord.js';
import { startFakeSlack, waitFor, type FakeSlack } from '../helpers/fake-slack.js';
import { freePort } from '../helpers/net.js';
import { PrivateRedis, hasRedisServer } from '../helpers/redis-server.js';
import { commandFields, commandRequest, send } from '../helpers/slack-signing.js';
import { commandReply, driver, postsIn, type SlackDriver } from '../helpers/slack-wire.js';

/**
 * `/healthz` of the built app as a container orchestrator sees it, in the three ways the app can
 * run (Slack over HTTP, Slack in Socket Mode, Discord only), all on one private Redis that the
 * test stops and starts again: 503 with `store.reachable: false` during the outage, a friendly
 * reply to users, one log line per outage, no crash, and 200 again once Redis is back.
 */


let redis: PrivateRedis;
let slack: FakeSlack;
let discord: FakeDiscord;
let wire: SlackDriver;
let http: BotProcess;
let socket: BotProcess;
let discordOnly: BotProcess;
const bots = () => [http, socket, discordOnly];
const alice = { id: 'UALICE', name: 'alice' };

beforeAll(async () => {
  if (!hasRedisServer) return;
  redis = await PrivateRedis.start();
  [slack, discord] = await Promise.all([startFakeSlack(), FakeDiscord.start()]);
  wire = driver(slack, PROCESS_SECRETS.signingSecret);
  [http, socket, discordOnly] = await Promise.all([
    BotProcess.start({ name: 'slack-http', env: slackHttpEnv(slack, redis.url) }),
    BotProcess.start({
      name: 'slack-socket',
      env: { SLACK_BOT_TOKEN: PROCESS_SECRETS.botToken, SLACK_APP_TOKEN: PROCESS_SECRETS.appToken, SLACK_API_URL: slack.apiUrl, STORE_URL: redis.url },
    }),
    BotProcess.start({ name: 'discord-only', env: { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, STORE_URL: redis.url } }),
  ]);
}, 40_000);

afterAll(async () => {
  await killAllBots();
  await slack?.close();
  await discord?.close();
  await redis?.stop();
});

afterEach(({ task }) => {
  if (task.result?.state === 'fail') for (const bot of bots()) if (bot) console.error(bot.tail(40));
});

const healthy = (h: HealthAnswer) => h.status === 200 && h.body.ok === true && h.body.store?.reachable === true;
const storeDown = (h: HealthAnswer) => h.status === 503 && h.body.ok === false && h.body.store?.reachable === false;

/** Something a user would see from the Discord bot that contains `text`. */
const discordSent = (text: string) => (r: { method: string; json?: unknown }) => r.method !== 'GET' && JSON.stringify(r.json ?? '').includes(text);

describe.skipIf(!hasRedisServer)('/healthz of the spawned app', () => {
  it('GIVEN Slack over HTTP THEN Bolt’s server answers /healthz on PORT: 200, the store reachable, the adapter running', async () => {
    const h = await http.healthz();
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ ok: true, store: { kind: 'redis', reachable: true }, adapters: { slack: 'running' } });
  });

  it('GIVEN Slack in Socket Mode THEN /healthz is served on PORT (200) next to the WebSocket connection', async () => {
    await waitFor(() => slack.socketClients() === 1, 5_000, 'the Socket Mode connection');
    expect(slack.callsTo('apps.connections.open')[0]?.token).toBe(PROCESS_SECRETS.appToken);
    const h = await socket.healthz();
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ ok: true, store: { kind: 'redis', reachable: true }, adapters: { slack: 'running' } });
  });

  it('GIVEN a Discord-only run THEN /healthz is served on PORT (200) with the gateway adapter running', async () => {
    const h = await discordOnly.healthz();
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ ok: true, store: { kind: 'redis', reachable: true }, adapters: { discord: 'running' } });
    expect(Object.keys(h.body.adapters ?? {})).toEqual(['discord']);
    // Anything but GET /healthz is not found.
    expect((await fetch(`${discordOnly.baseUrl}/`)).status).toBe(404);
  });

  it('GIVEN HOST=127.0.0.1 THEN the PORT listeners accept no connection on another interface', async () => {
    const other = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (!other) return; // A machine with loopback only: nothing else to reach.
    for (const bot of bots()) {
      const connected = await new Promise<boolean>((resolve) => {
        const s = createConnection({ host: other, port: bot.port });
        s.once('connect', () => (s.destroy(), resolve(true)));
        s.once('error', () => resolve(false));
      });
      expect(connected, `${bot.name} on ${other}:${bot.port}`).toBe(false);
    }
  });

  it('GIVEN the private Redis stops THEN every /healthz turns 503 with store.reachable false, users hear "try again", one error line per outage, no crash; then all recover by themselves', async () => {
    await redis.stop();
    for (const bot of bots()) {
      const h = await bot.waitForHealth(storeDown, 10_000, '503 with the store unreachable');
      expect(h.body.store).toEqual({ kind: 'redis', reachable: false });
    }

    // Three people try during the outage on each platform; each hears why nothing happened.
    const retry = /can't reach my memory right now.*try again/i;
    // A reply ready before the ack deadline travels in the ack, else through response_url.
    const told: Array<Promise<Record<string, unknown>>> = [];
    for (const [i, user] of ['UA', 'UB', 'UC'].entries()) {
      const fields = (channel: { id: string; name: string }, id: string) => commandFields('checklist', { id: user }, channel, slack.responseUrl(id));
      told.push(send(http.eventsUrl, commandRequest(PROCESS_SECRETS.signingSecret, fields({ id: 'CHTTP', name: 'chttp' }, `down-http-${i}`))).then((ack) => commandReply(slack, ack, `down-http-${i}`, 5_000)));
      const envelope = slack.sendEnvelope('slash_commands', fields({ id: 'CSOCK', name: 'sock' }, `down-sock-${i}`));
      told.push(envelope.then((ack) => commandReply(slack, { status: 200, body: JSON.stringify(ack.payload ?? {}) }, `down-sock-${i}`, 5_000)));
      discord.say(discord.world.user(10 + i), 'checklist');
    }
    for (const reply of await Promise.all(told)) expect(String(reply.text)).toMatch(retry);
    await waitFor(() => discord.requests.filter(discordSent("can't reach my memory right now")).length >= 3, 5_000, 'three Discord replies');
    for (const bot of bots()) {
      expect(bot.isRunning, `${bot.name} still running`).toBe(true);
      expect(bot.logLines().filter((l) => l.msg === 'store unavailable'), `${bot.name}: outage log lines`).toHaveLength(1);
    }

    await redis.resume();
    for (const bot of bots()) await bot.waitForHealth(healthy, 15_000, '200 after Redis came back');
    // Working again: each platform starts a checklist.
    await wire.startWith(http.eventsUrl, 'checklist', alice, 'CHTTP');
    const before = postsIn(slack, 'CSOCK').length;
    await slack.sendEnvelope('slash_commands', commandFields('checklist', alice, { id: 'CSOCK', name: 'sock' }, slack.responseUrl('up-sock')));
    await waitFor(() => postsIn(slack, 'CSOCK')[before], 5_000, 'the Socket Mode checklist');
    discord.say(discord.world.user(20), 'checklist');
    await discord.waitFor(discordSent('(1 of'), 5_000);
    for (const bot of bots()) {
      expect(bot.logLines().filter((l) => l.msg === 'store reachable again'), `${bot.name}: recovery log lines`).toHaveLength(1);
      expect(bot.logLines().filter((l) => l.msg === 'store unavailable'), `${bot.name}: outage log lines`).toHaveLength(1);
    }
  }, 60_000);

  it('GIVEN SIGTERM THEN each exits 0 with the store closed, and no token or signing secret appears in any log, the outage included', async () => {
    const exits = await Promise.all(bots().map((bot) => bot.stop('SIGTERM')));
    expect(exits).toEqual(bots().map(() => ({ code: 0, signal: null })));
    for (const bot of bots()) expect(bot.logLines().some((l) => l.msg === 'store closed'), bot.name).toBe(true);
    for (const bot of bots()) expect(bot.logLines().length, `${bot.name} log lines`).toBeGreaterThan(3);
    expect(leakedSecrets(bots().map((bot) => bot.logs()), { ...PROCESS_SECRETS, discordToken: discord.token })).toEqual([]);
  });
});

describe.skipIf(!hasRedisServer)('a Redis password in STORE_URL', () => {
  const password = 'redis-pass-7c1f9e2a4b';
  let child: ChildProcess | undefined;
  let fake: FakeSlack | undefined;
  afterAll(async () => {
    await killAllBots();
    child?.kill('SIGKILL');
    await fake?.close();
  });

  it('GIVEN a password-protected Redis THEN neither the password nor a token is logged: not when running, not in an outage, not for a wrong password at start-up; and SIGTERM during the outage still exits 0', async () => {
    const port = await freePort();
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', password], { stdio: 'ignore' });
    fake = await startFakeSlack();
    const url = `redis://:${password}@127.0.0.1:${port}`;
    const bot = await BotProcess.start({ name: 'redis-password', env: slackHttpEnv(fake, url), readyTimeoutMs: 20_000 });
    await driver(fake, PROCESS_SECRETS.signingSecret).startWith(bot.eventsUrl, 'checklist', alice, 'CPASS');

    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await bot.waitForHealth(storeDown, 10_000, '503 with the store unreachable');
    expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(bot.logLines().map((l) => l.msg)).toEqual(expect.arrayContaining(['store unavailable', 'store closed']));

    // A wrong password: the app refuses to start, naming STORE_URL, and says nothing of either password.
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', password], { stdio: 'ignore' });
    const wrong = 'wrong-pass-0d9b3e81';
    const failed = await BotProcess.start({ name: 'wrong-password', env: slackHttpEnv(fake, `redis://:${wrong}@127.0.0.1:${port}`) }).then(
      () => undefined,
      (err: unknown) => (err instanceof StartError ? err.bot : undefined),
    );
    expect(await failed?.exited).toEqual({ code: 1, signal: null });
    expect(failed?.stderr).toContain('rustgo: cannot start: STORE_URL');
    expect(leakedSecrets([bot.logs(), failed?.logs() ?? ''], { ...PROCESS_SECRETS, password, wrong })).toEqual([]);
  }, 40_000);
});
