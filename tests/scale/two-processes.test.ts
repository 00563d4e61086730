import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, killAllBots, leakedSecrets, PROCESS_SECRETS, slackHttpEnv } from '../helpers/bot-process.js';
import { startFakeSlack, waitFor, type ApiCall, type FakeSlack } from '../helpers/fake-slack.js';
import { appKey, moveDeadlinesIntoThePast, rawRedis, type RawRedis } from '../helpers/redis-records.js';
import { PrivateRedis, hasRedisServer } from '../helpers/redis-server.js';
import {
  blocksText,
  button,
  elements,
  header,
  postsIn,
  responseText,
  shownCount,
  shownTotal,
  updatesOf,
  driver,
  type Element,
  type SlackDriver,
  type SlackUser,
} from '../helpers/slack-wire.js';

/**
 * Two real bot processes (the built app) share one private Redis and one fake Slack; requests go
 * to either, as behind a load balancer. Whatever process answers, every answer and vote counts
 * exactly once, the poll message ends on the true tally, and a deadline closes a poll once.
 */


let redis: PrivateRedis;
let fake: FakeSlack;
let raw: RawRedis;
let a: BotProcess;
let b: BotProcess;
/** Every process this file started, stopped ones too, for the log checks at the end. */
const started: BotProcess[] = [];
let driven: SlackDriver | undefined;
const slack = () => (driven ??= driver(fake, PROCESS_SECRETS.signingSecret));

async function startBot(name: string): Promise<BotProcess> {
  const bot = await BotProcess.start({ name, env: slackHttpEnv(fake, redis.url) });
  started.push(bot);
  return bot;
}

const alice = { id: 'UALICE', name: 'alice' };
const bob = { id: 'UBOB', name: 'bob' };
const carol = { id: 'UCAROL', name: 'carol' };
const dave = { id: 'UDAVE', name: 'dave' };

beforeAll(async () => {
  if (!hasRedisServer) return;
  redis = await PrivateRedis.start();
  fake = await startFakeSlack();
  for (const u of [alice, bob, carol, dave]) fake.users.set(u.id, { name: u.name, real_name: u.name[0]!.toUpperCase() + u.name.slice(1) });
  [a, b] = await Promise.all([startBot('bot-a'), startBot('bot-b')]);
  raw = await rawRedis(redis.url);
}, 40_000);

afterAll(async () => {
  await killAllBots();
  await raw?.close();
  await fake?.close();
  await redis?.stop();
});

afterEach(({ task }) => {
  // A failure shows what the processes were doing.
  if (task.result?.state === 'fail') for (const bot of [a, b]) if (bot) console.error(bot.tail(80));
});

const rid = (what: string) => slack().rid(what);
const startWith = (bot: BotProcess, text: string, user: SlackUser, channel: string) => slack().startWith(bot.eventsUrl, text, user, channel);
const vote = (via: BotProcess, user: SlackUser, channel: string, ts: string, element: Element) => slack().vote(via.eventsUrl, user, channel, ts, element);
const settled = (ts: string, quietMs?: number) => slack().settled(ts, quietMs);

const pollId = (poll: ApiCall) => button(poll, 'Close poll').value;

describe.skipIf(!hasRedisServer)('two bot processes on one Redis, Slack over HTTP', () => {
  it('GIVEN a team checklist whose answers and Next presses alternate between the processes THEN every answer counts once', async () => {
    const channel = 'CCHECK';
    const team = [alice, bob, carol];
    const first = await startWith(a, 'checklist', alice, channel);
    const ts = String(first.result?.ts);
    const steps = Number(/of (\d+)\)/.exec(header(first) ?? '')?.[1]);
    expect(steps).toBeGreaterThan(2);
    const chosen: Record<number, string[]> = {};
    let current = first;
    for (let step = 0; step < steps; step++) {
      const options = elements(current).filter((e) => e.action_id.startsWith('checklist.answer'));
      expect(options.length, `answer buttons at step ${step + 1}`).toBeGreaterThan(1);
      chosen[step] = team.map((_, i) => options[(i + step) % options.length]!.value.split(':')[2]!);
      // The three answers arrive at the same time, at both processes.
      const statuses = await Promise.all(
        team.map((user, i) => slack().press([a, b][(i + step) % 2]!.eventsUrl, user, channel, ts, options[(i + step) % options.length]!, rid('ans'))),
      );
      expect(statuses).toEqual([200, 200, 200]);
      current = await waitFor(
        () => updatesOf(fake, ts).find((c) => header(c)?.includes(`(${step + 1} of ${steps})`) && blocksText(c).includes('Answered so far: 3 people')),
        5_000,
        `three answers shown at step ${step + 1}`,
      );
      const next = elements(current).find((e) => e.action_id.startsWith('checklist.next'));
      expect(next, `Next at step ${step + 1}`).toBeDefined();
      expect(await slack().press([b, a][step % 2]!.eventsUrl, team[step % 3]!, channel, ts, next!, rid('next'))).toBe(200);
      const after = step + 1 < steps ? `(${step + 2} of ${steps})` : 'Recommendation:';
      current = await waitFor(() => updatesOf(fake, ts).find((c) => header(c)?.includes(after)), 5_000, `the message after Next at step ${step + 1}`);
    }
    expect(header(current)).toMatch(/^Recommendation: (Rust|Go|Both)/);
    expect(blocksText(current)).toContain('from 3 people');

    // The stored result holds each member's answer to each question exactly once.
    const resultKeys = await raw.keys(appKey('results', `slack:T1:${channel}:*`));
    expect(resultKeys).toHaveLength(1);
    const result = await raw.read<{ answers: Record<string, string[]>; participants: number }>(resultKeys[0]!);
    expect(result?.value.participants).toBe(3);
    const answers = Object.values(result?.value.answers ?? {});
    expect(answers).toHaveLength(steps);
    answers.forEach((given, step) => expect([...given].sort(), `answers to question ${step + 1}`).toEqual([...chosen[step]!].sort()));
  });

  it('GIVEN votes, a moved and a withdrawn vote sent alternately to both processes THEN each counts once and both agree on the tally', async () => {
    const channel = 'CPOLL';
    const poll = await startWith(b, 'poll Which language? | Rust | Go | Both', alice, channel);
    const ts = String(poll.result?.ts);
    const [rust, go, both] = [button(poll, 'Rust'), button(poll, 'Go'), button(poll, 'Both')];
    expect(await vote(a, alice, channel, ts, rust)).toBe('You voted Rust.');
    expect(await vote(b, bob, channel, ts, go)).toBe('You voted Go.');
    expect(await vote(a, carol, channel, ts, rust)).toBe('You voted Rust.');
    expect(await vote(b, dave, channel, ts, both)).toBe('You voted Both.');
    expect(await vote(a, bob, channel, ts, rust)).toBe('Your vote moved to Rust.');
    expect(await vote(b, carol, channel, ts, rust)).toBe('Vote withdrawn.');

    await waitFor(() => shownCount(updatesOf(fake, ts).at(-1), 'Both') === 1 && shownTotal(updatesOf(fake, ts).at(-1)) === 3, 10_000, 'the final tally');
    const last = await settled(ts);
    expect([shownCount(last, 'Rust'), shownCount(last, 'Go'), shownCount(last, 'Both'), shownTotal(last)]).toEqual([2, 0, 1, 3]);
    const stored = await raw.read(appKey('polls', `slack:T1:${channel}:${pollId(poll)}`));
    // Voters are named as each press names them (Slack's handle), with no users.info call.
    expect(stored?.value.votes).toEqual({ UALICE: { o: 0, n: 'alice' }, UBOB: { o: 0, n: 'bob' }, UDAVE: { o: 2, n: 'dave' } });

    // `results` from either process shows the same tally.
    for (const bot of [a, b]) {
      const snapshot = await startWith(bot, 'results', dave, channel);
      expect([shownCount(snapshot, 'Rust'), shownCount(snapshot, 'Both'), shownTotal(snapshot)]).toEqual([2, 1, 3]);
    }
  });

  it('GIVEN an anonymous poll and no POLL_SECRET THEN both processes recognise a voter (a moved vote, not a second one)', async () => {
    const channel = 'CANON';
    const poll = await startWith(a, 'poll anonymous Secret ballot? | Rust | Go', alice, channel);
    const ts = String(poll.result?.ts);
    const [rust, go] = [button(poll, 'Rust'), button(poll, 'Go')];
    // The first anonymous votes in either process: both need the stored key for voters' hashes at once.
    expect(await Promise.all([vote(a, bob, channel, ts, rust), vote(b, carol, channel, ts, go)])).toEqual(['You voted Rust.', 'You voted Go.']);
    expect(await vote(b, bob, channel, ts, go)).toBe('Your vote moved to Go.');
    expect(await vote(a, carol, channel, ts, go)).toBe('Vote withdrawn.');
    expect(await vote(b, carol, channel, ts, rust)).toBe('You voted Rust.');
    await waitFor(() => shownCount(updatesOf(fake, ts).at(-1), 'Rust') === 1 && shownTotal(updatesOf(fake, ts).at(-1)) === 2, 10_000, 'the final tally');
    const last = await settled(ts);
    expect([shownCount(last, 'Rust'), shownCount(last, 'Go'), shownTotal(last)]).toEqual([1, 1, 2]);
    const stored = await raw.read(appKey('polls', `slack:T1:${channel}:${pollId(poll)}`));
    const keys = Object.keys(stored?.value.votes ?? {});
    expect(keys).toHaveLength(2);
    // The store holds keyed hashes, never the voters' ids.
    expect(keys.every((k) => k.startsWith('h:'))).toBe(true);
    expect(JSON.stringify(stored)).not.toMatch(/UBOB|UCAROL/);
  });

  /** Voters pressing at once on one poll across two processes, as many as issue 13 asks. */
  const BURST = 1_000;
  it(`GIVEN ${BURST} voters at once, split across both processes THEN the tally is exactly ${BURST} and the last edit of the poll message shows ${BURST}`, async () => {
    const channel = 'CBURST';
    const poll = await startWith(a, 'poll Burst: Rust or Go? | Rust | Go', alice, channel);
    const ts = String(poll.result?.ts);
    const options = [button(poll, 'Rust'), button(poll, 'Go')];
    const voters = Array.from({ length: BURST }, (_, i) => ({ id: `UV${String(i).padStart(4, '0')}`, name: `voter${i}` }));
    const ids = voters.map((_, i) => `burst-${i}`);
    const began = Date.now();
    // Process i % 2, option ⌊i/2⌋ % 2: each process gets votes for both options.
    const statuses = await Promise.all(
      voters.map((v, i) => slack().press([a, b][i % 2]!.eventsUrl, v, channel, ts, options[Math.floor(i / 2) % 2]!, ids[i]!)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(BURST);
    await waitFor(() => ids.every((id) => responseText(fake, id) !== undefined), 30_000, `${BURST} confirmations`);
    const confirmedIn = Date.now() - began;
    ids.forEach((id, i) => expect(responseText(fake, id)).toBe(Math.floor(i / 2) % 2 === 0 ? 'You voted Rust.' : 'You voted Go.'));

    // Wait for the true total to show, then for the edits to stop: a stale edit arriving last would undo it.
    await waitFor(() => shownTotal(updatesOf(fake, ts).at(-1)) === BURST, 20_000, `the poll message showing ${BURST}`);
    const last = await settled(ts);
    expect([shownCount(last, 'Rust'), shownCount(last, 'Go'), shownTotal(last)]).toEqual([BURST / 2, BURST / 2, BURST]);
    const stored = await raw.read(appKey('polls', `slack:T1:${channel}:${pollId(poll)}`));
    expect(Object.keys(stored?.value.votes ?? {})).toHaveLength(BURST);
    // Both processes edited the message (each runs its own live updater), never more than about once a second each.
    const edits = updatesOf(fake, ts).length;
    expect(edits).toBeGreaterThanOrEqual(2);
    expect(edits).toBeLessThanOrEqual(2 * (Math.ceil((Date.now() - began) / 1_000) + 2));
    console.info(`${BURST} votes over two processes: confirmed in ${confirmedIn} ms, ${edits} edits of the poll message`);
  }, 90_000);

  it('GIVEN Slack retries an event to the other process THEN it is answered once', async () => {
    const channel = 'CRETRY';
    // Help for a mention goes to the asker alone (chat.postEphemeral); count every reply in the channel.
    const replies = () => fake.calls.filter((c) => /^chat\.post(Message|Ephemeral)$/.test(c.method) && c.body.channel === channel);
    const duplicateIgnored = (event: string) => (line: Record<string, unknown>) => line.msg === 'duplicate delivery ignored' && line.event === `event:${event}`;
    // The retry arrives at the other process while the first delivery is still being handled.
    const concurrent = await Promise.all([
      slack().mention(a.eventsUrl, 'help', bob, channel, 'EvRetryConcurrent'),
      slack().mention(b.eventsUrl, 'help', bob, channel, 'EvRetryConcurrent', 1),
    ]);
    expect(concurrent).toEqual([200, 200]);
    await waitFor(() => replies()[0], 5_000, 'the answer to the mention');
    await Promise.any([a, b].map((bot) => bot.waitForLog(duplicateIgnored('EvRetryConcurrent'), 5_000, 'the ignored retry')));

    // A retry after the first answer went out, to the other process.
    expect(await slack().mention(b.eventsUrl, 'help', carol, channel, 'EvRetryLater')).toBe(200);
    await waitFor(() => replies()[1], 5_000, 'the answer to the second mention');
    expect(await slack().mention(a.eventsUrl, 'help', carol, channel, 'EvRetryLater', 1)).toBe(200);
    await a.waitForLog(duplicateIgnored('EvRetryLater'), 5_000, 'the ignored later retry');
    // The core returns right after logging the ignored retry; a fresh mention to the same process,
    // answered after that, is the barrier: a stray reply to a retry would have been posted before it.
    expect(await slack().mention(a.eventsUrl, 'help', dave, channel, 'EvRetryBarrier')).toBe(200);
    await waitFor(() => replies().find((c) => c.body.user === 'UDAVE'), 5_000, 'the answer to the barrier mention');
    expect(replies().map((c) => c.body.user)).toEqual(['UBOB', 'UCAROL', 'UDAVE']);
  });

  it('GIVEN a poll deadline passes THEN it closes exactly once, with one announcement, whichever processes run', async () => {
    const announced = (channel: string) => postsIn(fake, channel).filter((c) => String(c.body.text).includes('is closed'));
    // Poll 1 passes its deadline while both processes run; a 15-second sweep closes it.
    const first = await startWith(a, 'poll for 2h Deadline one: Rust or Go? | Rust | Go', alice, 'CDL1');
    const ts1 = String(first.result?.ts);
    expect(await vote(b, bob, 'CDL1', ts1, button(first, 'Rust'))).toBe('You voted Rust.');
    expect(await vote(a, carol, 'CDL1', ts1, button(first, 'Go'))).toBe('You voted Go.');
    expect(await vote(b, dave, 'CDL1', ts1, button(first, 'Rust'))).toBe('You voted Rust.');
    // Twelve more polls pass their deadlines while no process runs (see below).
    const later = Array.from({ length: 12 }, (_, i) => `CDL2X${i}`);
    const polls = new Map<string, ApiCall>();
    for (const [i, channel] of later.entries()) {
      const poll = await startWith([a, b][i % 2]!, `poll for 3h Deadline ${i}: Rust or Go? | Rust | Go`, bob, channel);
      expect(await vote([b, a][i % 2]!, alice, channel, String(poll.result?.ts), button(poll, 'Go'))).toBe('You voted Go.');
      polls.set(channel, poll);
    }

    await moveDeadlinesIntoThePast(raw, [{ convKey: 'slack:T1:CDL1', id: pollId(first) }]);
    const movedAt = Date.now();
    await waitFor(() => announced('CDL1')[0], 20_000, 'the deadline announcement');
    console.info(`a sweep closed the poll ${Date.now() - movedAt} ms after its deadline was moved`);
    expect(String(announced('CDL1')[0]?.body.text)).toContain('Winner: Rust with 2 of 3 votes');
    const closed = await settled(ts1, 1_500);
    expect(header(closed)).toBe('Team poll (closed)');
    expect(elements(closed!).some((e) => e.action_id.startsWith('poll.vote'))).toBe(false);

    // Both processes stop; the twelve deadlines pass; both start at once, so their start-up sweeps race.
    const exits = await Promise.all([a.stop('SIGTERM'), b.stop('SIGTERM')]);
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    await moveDeadlinesIntoThePast(raw, later.map((channel) => ({ convKey: `slack:T1:${channel}`, id: pollId(polls.get(channel)!) })));
    // Ready means the start-up sweep is done: it runs before the adapters start.
    [a, b] = await Promise.all([startBot('bot-a2'), startBot('bot-b2')]);
    for (const channel of later) {
      await waitFor(() => announced(channel)[0], 5_000, `the start-up sweep’s announcement in ${channel}`);
      expect(String(announced(channel)[0]?.body.text)).toContain('Winner: Go with 1 of 1 votes');
      expect(header(await settled(String(polls.get(channel)!.result?.ts), 500)), `poll message in ${channel}`).toBe('Team poll (closed)');
    }
    for (const channel of ['CDL1', ...later]) expect(announced(channel), `announcements in ${channel}`).toHaveLength(1);
    const deadlines = await raw.read(appKey('poll-deadlines', 'open'));
    expect(deadlines?.value.entries).toEqual([]);
  }, 60_000);

  it('THEN no token or signing secret appears in any process’s logs', () => {
    expect(started.length).toBeGreaterThanOrEqual(4);
    expect(started.every((bot) => bot.logLines().length > 10)).toBe(true);
    expect(leakedSecrets(started.map((bot) => bot.logs()), PROCESS_SECRETS)).toEqual([]);
  });
});
