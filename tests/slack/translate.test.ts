import { describe, expect, it } from 'vitest';
import { actionIncoming, commandPlace, eventIncoming, ignoredMessage, stripMention, threadOf } from '../../adapters/slack/translate.js';
import { createPeople } from '../../adapters/slack/users.js';

const sender = { id: 'UALICE', name: 'Alice', isAdmin: async () => false };

describe('Slack payloads to neutral events', () => {
  it('strips the bot’s own mention in both forms, and only its own', () => {
    expect(stripMention('<@UBOT> checklist', 'UBOT')).toBe('checklist');
    expect(stripMention('hey <@UBOT|rustgo>   poll <@UBOB>', 'UBOT')).toBe('hey poll <@UBOB>');
  });

  it('a thread parent belongs to the channel; a reply belongs to its thread', () => {
    expect(threadOf('1.1', '1.1')).toBeUndefined();
    expect(threadOf('1.2', '1.1')).toBe('1.1');
    expect(threadOf('1.2', undefined)).toBeUndefined();
  });

  it('tells channels, DMs and group DMs apart', () => {
    const base = { team_id: 'T1', user_id: 'U1', trigger_id: 't' };
    expect(commandPlace({ ...base, channel_id: 'C1', channel_name: 'general' })).toBe('channel');
    expect(commandPlace({ ...base, channel_id: 'G1', channel_name: 'private-team' })).toBe('channel');
    expect(commandPlace({ ...base, channel_id: 'D1', channel_name: 'directmessage' })).toBe('direct-message');
    expect(commandPlace({ ...base, channel_id: 'G2', channel_name: 'mpdm-a--b-1' })).toBe('group-direct-message');
  });

  it('ignores its own, other bots’ and subtype messages', () => {
    const msg = { type: 'message', channel: 'D1', ts: '1', text: 'hi' };
    expect(ignoredMessage({ ...msg, user: 'UBOT' }, 'UBOT')).toBe(true);
    expect(ignoredMessage({ ...msg, user: 'UX', bot_id: 'B2' }, 'UBOT')).toBe(true);
    expect(ignoredMessage({ ...msg, user: 'UX', subtype: 'message_changed' }, 'UBOT')).toBe(true);
    expect(ignoredMessage({ ...msg, user: 'UX' }, 'UBOT')).toBe(false);
  });

  it('a mention carries the event id, its thread and the mention prefix; a DM has no prefix', () => {
    const mention = eventIncoming({ type: 'app_mention', user: 'UALICE', channel: 'C1', ts: '2.2', thread_ts: '2.1', text: '<@UBOT> help' }, 'Ev1', 'T1', sender, 'UBOT', 'rustgo');
    expect(mention).toMatchObject({
      eventId: 'event:Ev1',
      kind: 'mention',
      text: 'help',
      commandPrefix: '@rustgo ',
      conversation: { platform: 'slack', workspaceId: 'T1', channelId: 'C1', threadId: '2.1', isDirect: false },
    });
    const dm = eventIncoming({ type: 'message', channel_type: 'im', user: 'UALICE', channel: 'D1', ts: '3.1', text: 'help' }, 'Ev2', 'T1', sender, 'UBOT', 'rustgo');
    expect(dm).toMatchObject({ kind: 'direct', commandPrefix: '', conversation: { isDirect: true, threadId: undefined } });
  });

  it('a button press decodes its action and is unique per press', () => {
    const body = {
      team: { id: 'T1' },
      user: { id: 'UALICE' },
      channel: { id: 'C1' },
      message: { ts: '5.2', thread_ts: '5.1' },
      trigger_id: 'trig-9',
      actions: [{ action_id: 'poll.vote#3', value: 'p:go', action_ts: '6.0' }],
    };
    expect(actionIncoming(body, sender)).toMatchObject({
      eventId: 'button:trig-9',
      kind: 'button',
      button: { action: 'poll.vote', value: 'p:go' },
      conversation: { channelId: 'C1', threadId: '5.1' },
    });
    expect(actionIncoming({ ...body, actions: [] }, sender)).toBeUndefined();
  });
});

describe('the people directory', () => {
  it('looks a user up once and only when asked, keeps at most maxEntries, and does not keep failures', async () => {
    const calls: string[] = [];
    let fail = false;
    const people = createPeople(
      async (id) => {
        calls.push(id);
        if (fail) throw new Error('users.info failed');
        return { name: id.toLowerCase(), isAdmin: id === 'UADMIN' };
      },
      { maxEntries: 2 },
    );
    const named = await people.sender('UADMIN', 'ada');
    expect(named.name).toBe('ada');
    expect(calls).toEqual([]);
    expect(await named.isAdmin()).toBe(true);
    await Promise.all([people.name('UADMIN'), named.isAdmin()]);
    expect(calls).toEqual(['UADMIN']);
    expect((await people.sender('U2')).name).toBe('u2');
    await people.name('U3');
    expect(people.size).toBe(2);
    fail = true;
    const unknown = await people.sender('U4', 'fallback');
    expect(unknown.name).toBe('fallback');
    expect(await unknown.isAdmin()).toBe(false);
    expect(people.size).toBe(2);
  });
});
