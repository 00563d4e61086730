import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/fake-slack.js';
import { SECRETS, startSlack, type SlackHarness } from '../helpers/slack-harness.js';
import { commandFields, commandRequest, eventCallback, eventRequest, send } from '../helpers/slack-signing.js';
import { commandReply } from '../helpers/slack-wire.js';

let h: SlackHarness;
const alice = { id: 'UALICE', name: 'alice' };
/** Every request sent so far has been answered: what may happen after it has happened. */
const settle = () => h.adapter.idle();

beforeAll(async () => {
  h = await startSlack();
});
afterAll(async () => h.stop());
beforeEach(() => h.fake.reset());

const secretsIn = (text: string) => [SECRETS.botToken, SECRETS.signingSecret, SECRETS.appToken].filter((s) => text.includes(s));

describe('Slack request safety', () => {
  it('GIVEN a bad signature THEN 401 and nothing is sent', async () => {
    const req = commandRequest(SECRETS.signingSecret, commandFields('checklist', alice, undefined, h.fake.responseUrl('x')), { secret: 'wrong-secret-123456' });
    expect((await send(h.eventsUrl, req)).status).toBe(401);
    await settle();
    expect(h.fake.calls).toEqual([]);
    expect(h.fake.responses).toEqual([]);
  });

  it('GIVEN a timestamp older than five minutes THEN 401 and nothing is sent', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const req = commandRequest(SECRETS.signingSecret, commandFields('checklist', alice, undefined, h.fake.responseUrl('x')), { timestamp: stale });
    expect((await send(h.eventsUrl, req)).status).toBe(401);
    await settle();
    expect(h.fake.calls).toEqual([]);
    expect(h.fake.responses).toEqual([]);
  });

  it('GIVEN Slack retries an event with the same event_id THEN it is answered once', async () => {
    const payload = eventCallback({ type: 'app_mention', user: 'UALICE', text: '<@UBOT> checklist', channel: 'C2', ts: '1700000600.000100' }, 'EvRETRY1');
    expect((await send(h.eventsUrl, eventRequest(SECRETS.signingSecret, payload))).status).toBe(200);
    for (const n of ['1', '2']) {
      const retry = eventRequest(SECRETS.signingSecret, payload, { headers: { 'x-slack-retry-num': n, 'x-slack-retry-reason': 'http_timeout' } });
      expect((await send(h.eventsUrl, retry)).status).toBe(200);
    }
    await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 3_000, 'the answer');
    await settle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('GIVEN a channel the bot is not in THEN the asker gets a friendly ephemeral notice through response_url', async () => {
    h.fake.notInChannel.add('C404');
    await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('checklist', alice, { id: 'C404', name: 'secret' }, h.fake.responseUrl('nic'))));
    const notice = await waitFor(() => h.fake.responses.find((r) => r.id === 'nic'), 3_000, 'not-in-channel notice');
    expect(notice.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(notice.body)).toContain('/invite @rustgo');
    await settle();
    expect(h.fake.responses.filter((r) => r.id === 'nic')).toHaveLength(1);
  });

  it('GIVEN a command in a DM between two people THEN the asker is told to use a channel or the bot’s DM', async () => {
    const ack = await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('checklist', alice, { id: 'DOTHERPERSON', name: 'directmessage' }, h.fake.responseUrl('dm'))));
    const notice = await commandReply(h.fake, ack, 'dm');
    expect(notice.response_type).toBe('ephemeral');
    expect(JSON.stringify(notice)).toContain('direct message between people');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('GIVEN a command in a group DM THEN the same notice, without posting', async () => {
    const ack = await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('checklist', alice, { id: 'G123', name: 'mpdm-alice--bob-1' }, h.fake.responseUrl('mp'))));
    const notice = await commandReply(h.fake, ack, 'mp');
    expect(notice.response_type).toBe('ephemeral');
    expect(JSON.stringify(notice)).toContain('direct message between people');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('GIVEN a command in the bot’s own DM THEN it is answered there as a solo conversation', async () => {
    await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('checklist', alice, { id: 'DUALICE', name: 'directmessage' }, h.fake.responseUrl('own'))));
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 3_000, 'solo checklist');
    expect(post.body.channel).toBe('DUALICE');
    // Solo mode has no Next button: each answer moves on.
    expect(JSON.stringify(post.body.blocks)).not.toContain('checklist.next');
  });

  it('GIVEN a DM to the bot THEN it answers in the DM; its own, other bots’ and edited messages are ignored', async () => {
    const dm = (event: Record<string, unknown>) =>
      send(h.eventsUrl, eventRequest(SECRETS.signingSecret, eventCallback({ type: 'message', channel: 'DUALICE', channel_type: 'im', ts: `${Date.now() / 1000}`, ...event })));
    await dm({ user: 'UBOT', text: 'checklist' });
    await dm({ user: 'UOTHER', bot_id: 'BOTHER', text: 'checklist' });
    await dm({ user: 'UALICE', subtype: 'message_changed', text: 'checklist' });
    await settle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    await dm({ user: 'UALICE', text: 'help' });
    const answer = await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 3_000, 'DM answer');
    expect(answer.body.channel).toBe('DUALICE');
    // In a DM the commands are typed without a prefix.
    expect(JSON.stringify(answer.body.blocks)).toContain('`checklist`');
  });

  it('GIVEN Slack reports a missing scope THEN it is logged once with the scope to add', async () => {
    h.fake.failures.set('chat.postMessage', { error: 'missing_scope', needed: 'chat:write', provided: 'commands' });
    const before = h.logs.length;
    for (const ch of ['C10', 'C11']) {
      await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('checklist', alice, { id: ch, name: 'x' }, h.fake.responseUrl(ch))));
      await waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.body.channel === ch), 3_000, 'post attempt');
    }
    await settle();
    const scopeLines = h.logs.slice(before).filter((l) => l.includes('"needed":"chat:write"') && l.includes('lacks'));
    expect(scopeLines).toHaveLength(1);
    expect(scopeLines[0]).toContain('OAuth & Permissions');
  });

  it('never logs a token or the signing secret, even at debug level', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    expect(secretsIn(h.logs.join('\n'))).toEqual([]);
  });
});
