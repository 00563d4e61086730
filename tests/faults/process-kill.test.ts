import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, killAllBots, leakedSecrets, PROCESS_SECRETS, slackHttpEnv, type Exit } from '../helpers/bot-process.js';
import { startFakeSlack, waitFor, type ApiCall, type FakeSlack } from '../helpers/fake-slack.js';
import { appKey, moveDeadlinesIntoThePast, rawRedis, type RawRedis } from '../helpers/redis-records.js';
import { PrivateRedis, hasRedisServer } from '../helpers/redis-server.js';
import { startSlowProxy } from '../helpers/slow-proxy.js';
import {
  blocksText,
  button,
  driver,
  elements,
  header,
  responseText,
  shownTotal,
  updatesOf,
  type SlackDriver,
  type SlackUser,
} from '../helpers/slack-wire.js';

/**
 * The built app killed (SIGKILL) or stopped (SIGTERM) in the middle of a checklist and of a vote
 * burst, then started again on the same store: whatever the bot had confirmed to a user (a vote's
 * private confirmation, an edited checklist or poll message) is still there after the restart.
 */


let redis: PrivateRedis;
let fake: FakeSlack;
let raw: RawRedis;
let slack: SlackDriver;
const started: BotProcess[] = [];
let current: BotProcess | undefined;

async function startBot(name: string, storeUrl = redis.url): Promise<BotProcess> {
  const bot = await BotProcess.start({ name, env: slackHttpEnv(fake, storeUrl) });
  started.push(bot);
  current = bot;
  return bot;
}

beforeAll(async () => {
  if (!hasRedisServer) return;
  redis = await PrivateRedis.start();
  fake = await startFakeSlack();
  slack = driver(fake, PROCESS_SECRETS.signingSecret);
  for (const u of team) fake.users.set(u.id, { name: u.name, real_name: u.name[0]!.toUpperCase() + u.name.slice(1) });
  raw = await rawRedis(redis.url);
}, 30_000);

afterAll(async () => {
  await killAllBots();
  await raw?.close();
  await fake?.close();
  await redis?.stop();
});

afterEach(({ task }) => {
  if (task.result?.state === 'fail' && current) console.error(current.tail(60));
});

const team: Array<Required<SlackUser>> = [
  { id: 'UALICE', name: 'alice' },
  { id: 'UBOB', name: 'bob' },
  { id: 'UCAROL', name: 'carol' },
];
/** As each press names its presser: Slack's handle, so no users.info call is needed (issue 13). */
const names = ['alice', 'bob', 'carol'];

/** Where a checklist message stands: its step and who it shows as having answered. */
function checklistState(call: ApiCall | undefined): { step: number; answered: string[] } {
  const step = Number(/\((\d+) of \d+\)/.exec(header(call) ?? '')?.[1] ?? NaN);
  const m = /Answered so far: \d+ (?:people|person) \(([^)]*)\)/.exec(blocksText(call));
  return { step, answered: m ? m[1]!.split(', ').sort() : [] };
}

const answerButtons = (call: ApiCall) => elements(call).filter((e) => e.action_id.startsWith('checklist.answer'));
const nextButton = (call: ApiCall) => elements(call).find((e) => e.action_id.startsWith('checklist.next'))!;

/** Starts a team checklist in `channel` and takes it through step 1 (three answers, Next). */
async function checklistAtStepTwo(bot: BotProcess, channel: string): Promise<{ ts: string; message: ApiCall }> {
  const first = await slack.startWith(bot.eventsUrl, 'checklist', team[0]!, channel);
  const ts = String(first.result?.ts);
  for (const [i, user] of team.entries()) await slack.press(bot.eventsUrl, user, channel, ts, answerButtons(first)[i % 2]!, slack.rid('a'));
  const answered = await waitFor(() => updatesOf(fake, ts).find((c) => checklistState(c).answered.length === 3), 5_000, 'three answers at step 1');
  await slack.press(bot.eventsUrl, team[1]!, channel, ts, nextButton(answered), slack.rid('next'));
  const message = await waitFor(() => updatesOf(fake, ts).find((c) => checklistState(c).step === 2), 5_000, 'step 2');
  return { ts, message };
}

/** The three members answer step 2 at once, through `bot`; resolves to the HTTP statuses (0: no answer). */
function answerStepTwo(bot: BotProcess, channel: string, ts: string, message: ApiCall): Promise<number[]> {
  return Promise.all(
    team.map((user, i) => slack.press(bot.eventsUrl, user, channel, ts, answerButtons(message)[i % 2]!, slack.rid('a2')).catch(() => 0)),
  );
}

/**
 * A lock held by a killed process is given up when its time-to-live (3 s, `lockTtlMs`) runs out,
 * so the first answer after a SIGKILL may wait that long (more under a loaded machine).
 */
const AFTER_KILL_MS = 15_000;

/** What a restarted bot shows for the checklist in `channel` (its `checklist` answer). */
async function shownAfterRestart(bot: BotProcess, channel: string, timeoutMs = AFTER_KILL_MS) {
  return checklistState(await slack.startWith(bot.eventsUrl, 'checklist', team[2]!, channel, timeoutMs));
}

function expectCleanStop(bot: BotProcess, exit: Exit): void {
  expect(exit).toEqual({ code: 0, signal: null });
  const lines = bot.logLines();
  expect(lines.find((l) => l.msg === 'store closed'), 'the "store closed" log line').toBeDefined();
  expect(lines.filter((l) => Number(l.level) >= 40).map((l) => l.msg)).toEqual([]);
}

describe.skipIf(!hasRedisServer)('the bot process killed or stopped in the middle of work, then restarted on the same store', () => {
  /** A poll in `channel` and `count` voters pressing its options at once, through `bot`. */
  async function burst(bot: BotProcess, channel: string, count: number) {
    const poll = await slack.startWith(bot.eventsUrl, 'poll Burst: Rust or Go? | Rust | Go', team[0]!, channel);
    const ts = String(poll.result?.ts);
    const id = button(poll, 'Close poll').value;
    const voters = Array.from({ length: count }, (_, i) => ({ id: `U${channel}${String(i).padStart(4, '0')}`, name: `v${i}` }));
    const rids = voters.map((_, i) => `${channel}-vote-${i}`);
    const options = [button(poll, 'Rust'), button(poll, 'Go')];
    const statuses = Promise.all(voters.map((v, i) => slack.press(bot.eventsUrl, v, channel, ts, options[i % 2]!, rids[i]!).catch(() => 0)));
    const confirmed = () => voters.filter((_, i) => /^You voted (Rust|Go)\.$/.test(responseText(fake, rids[i]!) ?? '')).map((v) => v.id);
    return { poll, ts, id, voters, rids, statuses, confirmed };
  }

  const storedVoters = async (channel: string, id: string) => Object.keys((await raw.read(appKey('polls', `slack:T1:${channel}:${id}`)))?.value.votes ?? {});


  it('GIVEN SIGKILL while one team answers a checklist and another votes in a burst (Redis) THEN the restarted bot keeps every answer, step, vote and tally it had confirmed', async () => {
    const bot = await startBot('kill');
    const { ts, message } = await checklistAtStepTwo(bot, 'CKILL1');
    const before = updatesOf(fake, ts).length;
    const run = await burst(bot, 'CVKILL', 300);
    const presses = answerStepTwo(bot, 'CKILL1', ts, message);
    await waitFor(() => updatesOf(fake, ts).length > before && run.confirmed().length >= 60, 10_000, 'a confirmed answer and 60 confirmed votes');
    expect(await bot.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    await presses;
    const statuses = await run.statuses;

    // The checklist: the last edit the bot made is what it confirmed.
    const confirmedStep = checklistState(updatesOf(fake, ts).at(-1));
    expect(confirmedStep.step).toBe(2);
    expect(confirmedStep.answered.length).toBeGreaterThanOrEqual(1);
    // The burst: private confirmations, and the tally the poll message last showed.
    const confirmedVotes = run.confirmed();
    const lastShown = shownTotal(updatesOf(fake, run.ts).at(-1)) ?? 0;
    console.info(`SIGKILL during a burst: ${statuses.filter((s) => s === 200).length} of 300 acknowledged, ${confirmedVotes.length} confirmed, the message showed ${lastShown}`);
    const stored = await storedVoters('CVKILL', run.id);
    expect(stored).toEqual(expect.arrayContaining(confirmedVotes));
    expect(stored.length).toBeGreaterThanOrEqual(lastShown);

    const again = await startBot('kill-restarted');
    const shown = await shownAfterRestart(again, 'CKILL1');
    expect(shown.step).toBe(confirmedStep.step);
    expect(shown.answered).toEqual(expect.arrayContaining(confirmedStep.answered));
    const results = await slack.startWith(again.eventsUrl, 'results', team[1]!, 'CVKILL', AFTER_KILL_MS);
    expect(shownTotal(results)).toBe(stored.length);
    // A new vote after the restart edits the poll message to the whole stored tally plus itself.
    expect(await slack.vote(again.eventsUrl, { id: 'ULATE', name: 'late' }, 'CVKILL', run.ts, button(run.poll, 'Go'), AFTER_KILL_MS)).toBe('You voted Go.');
    await waitFor(() => shownTotal(updatesOf(fake, run.ts).at(-1)) === stored.length + 1, 10_000, 'the tally after the restart');
    expect(shownTotal(await slack.settled(run.ts, 1_200))).toBe(stored.length + 1);
    await again.stop('SIGTERM');
  }, 40_000);

  it('GIVEN SIGTERM while one team answers a checklist and another votes in a burst (Redis) THEN everything acknowledged is finished and confirmed, it exits 0 with the store closed, and a restart continues', async () => {
    const bot = await startBot('term');
    const { ts, message } = await checklistAtStepTwo(bot, 'CTERM1');
    const run = await burst(bot, 'CVTERM', 500);
    const answers = await answerStepTwo(bot, 'CTERM1', ts, message);
    expect(answers).toEqual([200, 200, 200]);
    await waitFor(() => run.confirmed().length >= 60, 10_000, '60 confirmed votes');
    // The three answers are acknowledged and (most likely) still being handled, like part of the burst.
    const confirmedAtStop = run.confirmed().length;
    const stopping = Date.now();
    const exit = await bot.stop('SIGTERM');
    const stopMs = Date.now() - stopping;
    const statuses = await run.statuses;
    const acked = run.voters.filter((_, i) => statuses[i] === 200).map((v) => v.id);
    const confirmedVotes = run.confirmed();
    console.info(`SIGTERM during a burst: ${acked.length} of ${run.voters.length} acknowledged, ${confirmedAtStop} confirmed at the signal, ${confirmedVotes.length} at the exit, stopped in ${stopMs} ms`);
    expectCleanStop(bot, exit);
    expect(stopMs).toBeLessThan(10_000);

    expect(checklistState(updatesOf(fake, ts).at(-1))).toEqual({ step: 2, answered: names });
    expect(confirmedVotes.sort()).toEqual([...acked].sort());
    const stored = await storedVoters('CVTERM', run.id);
    expect(stored.sort()).toEqual([...acked].sort());
    // The poll message's last edit, sent before the exit, shows every counted vote.
    expect(shownTotal(updatesOf(fake, run.ts).at(-1))).toBe(stored.length);

    // A clean stop leaves no lock behind: the restarted bot answers at once.
    const again = await startBot('term-restarted');
    expect(await shownAfterRestart(again, 'CTERM1', 5_000)).toEqual({ step: 2, answered: names });
    expect(shownTotal(await slack.startWith(again.eventsUrl, 'results', team[1]!, 'CVTERM'))).toBe(stored.length);
    // The old message's Next button still works on the new process.
    await slack.press(again.eventsUrl, team[0]!, 'CTERM1', ts, nextButton(updatesOf(fake, ts).at(-1)!), slack.rid('next'));
    await waitFor(() => updatesOf(fake, ts).find((c) => checklistState(c).step === 3), 5_000, 'step 3 after the restart');
    await again.stop('SIGTERM');
  }, 40_000);

  it('GIVEN SIGTERM while the start-up sweep closes expired polls THEN, after a restart, every poll is closed and announced exactly once', async () => {
    const channels = Array.from({ length: 30 }, (_, i) => `CSWEEP${i}`);
    const first = await startBot('sweep-setup');
    const polls = new Map<string, ApiCall>();
    // A different starter each time: one person may start only 20 things a minute.
    for (const [i, channel] of channels.entries()) {
      polls.set(channel, await slack.startWith(first.eventsUrl, `poll for 1h Sweep ${channel}? | Rust | Go`, { id: `USTARTER${i}` }, channel));
    }
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    await moveDeadlinesIntoThePast(raw, channels.map((channel) => ({ convKey: `slack:T1:${channel}`, id: button(polls.get(channel)!, 'Close poll').value })));

    const announced = (channel: string) => fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel && String(c.body.text).includes('is closed'));
    const announcedCount = () => channels.filter((c) => announced(c).length > 0).length;
    // The start-up sweep runs before the bot is ready; stop it as soon as its first announcement arrives.
    // Slack is slow to edit and post (200 ms each), so the stop lands after a poll is closed, before it is announced.
    const slow = await startSlowProxy(fake.apiUrl, { 'chat.update': 200, 'chat.postMessage': 200 });
    const sweeping = await BotProcess.start({ name: 'sweep-stopped', env: { ...slackHttpEnv(fake, redis.url), SLACK_API_URL: slow.url }, ready: 'spawned' });
    started.push(sweeping);
    current = sweeping;
    await waitFor(() => announcedCount() > 0, 15_000, 'the first announcement');
    const exit = await sweeping.stop('SIGTERM');
    await slow.close();
    const byThen = announcedCount();
    console.info(`SIGTERM during the start-up sweep: ${byThen} of ${channels.length} polls announced before the exit`);
    expectCleanStop(sweeping, exit);

    const again = await startBot('sweep-restarted');
    await waitFor(() => announcedCount() === channels.length, 15_000, 'every poll announced');
    for (const channel of channels) {
      expect(announced(channel), `announcements in ${channel}`).toHaveLength(1);
      const stored = await raw.read(appKey('polls', `slack:T1:${channel}:${button(polls.get(channel)!, 'Close poll').value}`));
      expect(stored?.value.status, channel).toBe('closed');
    }
    expect((await raw.read(appKey('poll-deadlines', 'open')))?.value.entries).toEqual([]);
    await again.stop('SIGTERM');
  }, 60_000);

  it('GIVEN SIGKILL then SIGTERM in the middle of a checklist on SQLite THEN the confirmed step survives, and SIGTERM closes the database cleanly (no WAL left)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rustgo-kill-'));
    const file = join(dir, 'state.sqlite');
    const store = `sqlite://${file}`;
    const channel = 'CSQLITE';
    const bot = await startBot('sqlite-kill', store);
    const { ts, message } = await checklistAtStepTwo(bot, channel);
    const before = updatesOf(fake, ts).length;
    const presses = answerStepTwo(bot, channel, ts, message);
    await waitFor(() => updatesOf(fake, ts).length > before, 5_000, 'a confirmed answer at step 2');
    await bot.stop('SIGKILL');
    await presses;
    const confirmed = checklistState(updatesOf(fake, ts).at(-1));
    expect(confirmed.answered.length).toBeGreaterThanOrEqual(1);
    // A killed process leaves its write-ahead log behind; the next open recovers from it.
    expect(existsSync(`${file}-wal`)).toBe(true);

    const again = await startBot('sqlite-restarted', store);
    const shown = await shownAfterRestart(again, channel);
    expect(shown.step).toBe(2);
    expect(shown.answered).toEqual(expect.arrayContaining(confirmed.answered));
    expectCleanStop(again, await again.stop('SIGTERM'));
    // Closing the last connection checkpoints the WAL into the database and removes it.
    expect(existsSync(`${file}-wal`)).toBe(false);

    const third = await startBot('sqlite-third', store);
    expect((await shownAfterRestart(third, channel)).answered).toEqual(expect.arrayContaining(confirmed.answered));
    await third.stop('SIGTERM');
  });

  it('THEN no token or signing secret appears in any process’s logs', () => {
    expect(started.length).toBeGreaterThanOrEqual(7);
    expect(leakedSecrets(started.map((bot) => bot.logs()), PROCESS_SECRETS)).toEqual([]);
  });
});
