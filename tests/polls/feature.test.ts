import { describe, expect, it } from 'vitest';
import type { Conversation, Reply } from '../../src/core/messages.js';
import { button, exchange, FakeClock, testBot } from '../helpers/core.js';
import { admin, alice, bob, carol, presses, replyText, says, teamChannel, type Person } from '../helpers/fake-chat.js';
import { FakeOutbox } from './support.js';

type TestBot = Awaited<ReturnType<typeof testBot>>;

async function setup(withOutbox = true) {
  const clock = new FakeClock();
  const bot = await testBot({ clock });
  const outbox = new FakeOutbox('slack');
  if (withOutbox) await bot.start({ outboxes: [outbox], sweepIntervalMs: 3_600_000 });
  return { bot, outbox, clock };
}

async function post(bot: TestBot, text = 'poll', who: Person = alice, where: Conversation = teamChannel): Promise<Reply> {
  const [reply] = await exchange(bot, says(who, text, where));
  if (!reply) throw new Error('no reply');
  return reply;
}

const press = (bot: TestBot, who: Person, poll: Reply, label: string, where: Conversation = teamChannel) => {
  const b = button(poll, label);
  return exchange(bot, presses(who, b.action, b.value, where));
};

const said = (replies: Reply[]) => replies.map((r) => replyText(r).trim()).join('\n');
const otherChannel: Conversation = { ...teamChannel, channelId: 'C2' };
const otherWorkspace: Conversation = { ...teamChannel, workspaceId: 'T2' };

describe('team polls through the core', () => {
  it('GIVEN `poll` THEN the default poll with Rust, Go, Both (hybrid), Not sure yet and Close poll', async () => {
    const { bot } = await setup();
    const poll = await post(bot);
    expect(poll.title).toBe('Team poll');
    expect(poll.sections[0]).toContain('Which language');
    expect(poll.buttons?.map((b) => b.label)).toEqual(['Rust', 'Go', 'Both (hybrid)', 'Not sure yet', 'Close poll']);
    expect(poll.ephemeral).toBeFalsy();
  });

  it('GIVEN votes THEN each voter gets a private confirmation and the message updates in place with who voted', async () => {
    const { bot, outbox } = await setup();
    const poll = await post(bot, 'poll Billing? | Rust | Go');
    expect(await press(bot, bob, poll, 'Go')).toEqual([{ sections: ['You voted Go.'], ephemeral: true }]);
    expect(outbox.updates.at(-1)?.message.messageId).toBe('msg-1');
    expect(outbox.lastUpdateText).toMatch(/\*\*Go\*\*: 1\n`██████████ 100%`\n_Bob_/);
    expect(said(await press(bot, bob, poll, 'Rust'))).toBe('Your vote moved to Rust.');
    expect(said(await press(bot, carol, poll, 'Rust'))).toBe('You voted Rust.');
    expect(outbox.lastUpdateText).toContain('_Bob, Carol_');
    expect(said(await press(bot, bob, poll, 'Rust'))).toBe('Vote withdrawn.');
    expect(outbox.lastUpdateText).toContain('**Total: 1**');
  });

  it('GIVEN someone else presses Close poll THEN only they hear a refusal; the creator and an admin may close', async () => {
    const { bot, outbox } = await setup();
    const first = await post(bot);
    await press(bot, bob, first, 'Go');
    const refused = await press(bot, bob, first, 'Close poll');
    expect(refused).toEqual([{ sections: [expect.stringContaining('Only the person who started this poll (Alice), or an admin')], ephemeral: true }]);

    const closed = await press(bot, alice, first, 'Close poll');
    expect(said(closed)).toMatch(/is closed\. Winner: \*\*Go\*\* with 1 of 1 votes/);
    expect(closed.every((r) => !r.ephemeral)).toBe(true);
    expect(outbox.updates.at(-1)?.reply.title).toBe('Team poll (closed)');
    expect(outbox.updates.at(-1)?.reply.buttons).toBeUndefined();
    expect(said(await press(bot, carol, first, 'Rust'))).toBe('This poll is closed; votes no longer count.');
    expect(said(await press(bot, alice, first, 'Close poll'))).toBe('This poll is closed already.');

    const second = await post(bot, 'poll Second?', bob);
    expect(said(await press(bot, admin, second, 'Close poll'))).toMatch(/Nobody voted/);
  });

  it('GIVEN several open polls THEN `close` closes the newest open one, `results` shows the newest and `export` the newest closed', async () => {
    const { bot } = await setup();
    expect(said(await exchange(bot, says(alice, 'export')))).toMatch(/no closed poll/);
    expect(said(await exchange(bot, says(alice, 'results')))).toMatch(/no poll in this channel/);
    const a = await post(bot, 'poll First? | =1+1 | b');
    await press(bot, bob, a, '=1+1');
    await post(bot, 'poll Second? | c | d');
    expect(said(await exchange(bot, says(alice, 'close')))).toMatch(/"Second\?" is closed/);
    expect(said(await exchange(bot, says(alice, 'close')))).toMatch(/"First\?" is closed/);
    expect(said(await exchange(bot, says(alice, 'close')))).toBe('There is no open poll in this channel.');
    const [results] = await exchange(bot, says(carol, 'results'));
    expect(results?.buttons).toBeUndefined();
    expect(replyText(results as Reply)).toContain('Second?');
    const [exported] = await exchange(bot, says(carol, 'export'));
    expect(exported?.files?.[0]?.name).toMatch(/^poll-[a-z0-9]+\.csv$/);
    expect(exported?.files?.[0]?.content).toBe('"option","votes","voters"\r\n"c","0",""\r\n"d","0",""\r\n');
  });

  it('GIVEN `export` after a vote THEN CSV cells that a spreadsheet would run are neutralised', async () => {
    const { bot } = await setup();
    const a = await post(bot, 'poll F? | =1+1 | @b');
    await press(bot, { id: 'U9', name: '-Mallory' }, a, '=1+1');
    await exchange(bot, says(alice, 'close'));
    const [exported] = await exchange(bot, says(alice, 'export'));
    expect(exported?.files?.[0]?.content).toBe(`"option","votes","voters"\r\n"'=1+1","1","'-Mallory"\r\n"'@b","0",""\r\n`);
  });

  it('GIVEN presses from elsewhere, forged ids, unknown options or malformed values THEN each is refused and nothing changes', async () => {
    const { bot, outbox } = await setup();
    const poll = await post(bot, 'poll Q? | a | b');
    await press(bot, bob, poll, 'a');
    const before = outbox.updates.length;
    const vote = button(poll, 'a');
    const pollId = vote.value.split(':')[0] as string;
    const cases: Array<[string, string, Conversation, RegExp]> = [
      ['poll.vote', vote.value, otherChannel, /doesn't belong to this channel/],
      ['poll.vote', vote.value, otherWorkspace, /doesn't belong to this channel/],
      ['poll.close', pollId, otherChannel, /doesn't belong to this channel/],
      ['poll.vote', 'zzzzzzzzzz:0', teamChannel, /doesn't belong to this channel/],
      ['poll.vote', `${pollId}:7`, teamChannel, /isn't one of this poll's options/],
      ['poll.vote', `${pollId}:x`, teamChannel, /doesn't belong to a poll/],
      ['poll.vote', '{"id":1}', teamChannel, /doesn't belong to a poll/],
      ['poll.vote', 'a'.repeat(5_000), teamChannel, /doesn't belong to a poll/],
      ['poll.close', '../../etc', teamChannel, /doesn't belong to a poll/],
      ['poll.nope', pollId, teamChannel, /don't recognise that button/],
    ];
    for (const [action, value, where, message] of cases) {
      const replies = await exchange(bot, presses(admin, action, value, where));
      expect(replies, `${action} ${value.slice(0, 20)}`).toHaveLength(1);
      expect(replies[0]?.ephemeral).toBe(true);
      expect(said(replies)).toMatch(message);
    }
    expect(said(await exchange(bot, says(admin, 'close', otherChannel)))).toBe('There is no open poll in this channel.');
    expect(outbox.updates.length).toBe(before);
    const [results] = await exchange(bot, says(alice, 'results'));
    expect(replyText(results as Reply)).toContain('**Total: 1**');
  });

  it('GIVEN an anonymous poll THEN the store keeps no voter id in the clear, yet a vote can move and be withdrawn', async () => {
    const { bot, outbox } = await setup();
    const poll = await post(bot, 'poll anonymous Secret? | a | b');
    await press(bot, bob, poll, 'a');
    await press(bot, carol, poll, 'a');
    expect(said(await press(bot, bob, poll, 'b'))).toBe('Your vote moved to b.');
    const pollId = button(poll, 'a').value.split(':')[0] as string;
    const raw = JSON.stringify(await bot.store.get('polls', `slack:T1:C1:${pollId}`));
    expect(raw).toContain('"votes"');
    expect(raw).not.toMatch(/U_BOB|U_CAROL|Bob|Carol/);
    expect(outbox.lastUpdateText).not.toMatch(/Bob|Carol/);
    expect(outbox.lastUpdateText).toContain('**Total: 2**');
    expect(said(await press(bot, bob, poll, 'b'))).toBe('Vote withdrawn.');
  });

  it('GIVEN a hidden poll THEN the message shows only how many voted until it closes', async () => {
    const { bot, outbox } = await setup();
    const poll = await post(bot, 'poll hidden Q? | Alpha | Beta');
    await press(bot, bob, poll, 'Alpha');
    expect(outbox.lastUpdateText).toContain('1 person voted so far');
    expect(outbox.lastUpdateText).not.toMatch(/Alpha|Bob/);
    await press(bot, alice, poll, 'Close poll');
    expect(outbox.lastUpdateText).toMatch(/Winner: \*\*Alpha\*\*/);
  });

  it('GIVEN pings in a question or option THEN they are rendered so they cannot ping', async () => {
    const { bot, outbox } = await setup();
    const poll = await post(bot, 'poll @everyone <!channel> @here which? | @everyone | b');
    await press(bot, bob, poll, 'b');
    const everything = [replyText(poll), ...(poll.buttons ?? []).map((b) => b.label), outbox.lastUpdateText].join('\n');
    expect(everything).not.toMatch(/@(everyone|here|channel)/);
  });

  it('GIVEN a bad poll THEN the refusal says why and shows the syntax', async () => {
    const { bot } = await setup();
    const [reply] = await exchange(bot, says(alice, 'poll Q | only'));
    expect(reply?.ephemeral).toBe(true);
    expect(replyText(reply as Reply)).toMatch(/at least 2 options.*Usage: `\/rustgo poll \[anonymous\]/s);
  });

  it('GIVEN no outbox THEN a vote edits the pressed message instead', async () => {
    const { bot } = await setup(false);
    const poll = await post(bot, 'poll Q? | a | b');
    const replies = await press(bot, bob, poll, 'a');
    expect(replies[0]).toEqual({ sections: ['You voted a.'], ephemeral: true });
    expect(replies[1]?.replaceOriginal).toBe(true);
    expect(replyText(replies[1] as Reply)).toContain('**Total: 1**');
  });

  it('GIVEN a vote delivered twice THEN it counts once', async () => {
    const { bot, outbox } = await setup();
    const poll = await post(bot, 'poll Q? | a | b');
    const b = button(poll, 'a');
    const event = presses(bob, b.action, b.value);
    await exchange(bot, event);
    expect(await exchange(bot, event)).toEqual([]);
    expect(outbox.lastUpdateText).toContain('**Total: 1**');
  });
});
