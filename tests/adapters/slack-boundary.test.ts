import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Incoming, MessageHandler } from '../../src/core/messages.js';
import { waitFor } from '../helpers/fake-slack.js';
import { SECRETS, startSlack, type SlackHarness } from '../helpers/slack-harness.js';
import { actionRequest, blockActions, commandFields, commandRequest, eventCallback, eventRequest, send, type SignedRequest } from '../helpers/slack-signing.js';

/**
 * zod at the Slack edge: signed (so genuinely from Slack, as far as the adapter can tell) but
 * malformed payloads are acknowledged with 200, logged once at warn without values or secrets, and
 * never reach the core — over HTTP and over Socket Mode.
 */

const WARNING = 'ignored a malformed Slack payload';
const LONG_VALUE = 'v'.repeat(5_000);
const seen: Incoming[] = [];
const handler: MessageHandler = {
  async handle(incoming, respond) {
    seen.push(incoming);
    await respond.send({ sections: [`ok ${incoming.kind}`] });
  },
};
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

let h: SlackHarness;
let logStart = 0;
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  h = await startSlack({ handler });
});
afterAll(async () => {
  await h.stop();
  process.off('unhandledRejection', onUnhandled);
});
beforeEach(() => {
  h.fake.reset();
  seen.length = 0;
  logStart = h.logs.length;
});
afterEach(() => expect(unhandled).toEqual([]));

const newLogs = () => h.logs.slice(logStart).map((l) => JSON.parse(l) as { level: number; msg: string; payload?: string; issues?: string[] });
const user = { id: 'UALICE', name: 'alice' };
const withoutKey = (fields: Record<string, string>, key: string) => Object.fromEntries(Object.entries(fields).filter(([k]) => k !== key));
const mention = (event: Record<string, unknown>) => eventCallback({ type: 'app_mention', channel: 'C1', ts: '1700000000.000100', text: '<@UBOT> help', ...event });
const press = (change: Record<string, unknown>) => ({
  ...blockActions({ user, channel: 'C1', ts: '1700000000.000100', actionId: 'poll.vote#0', value: 'p1:go', responseUrl: h.fake.responseUrl('press') }),
  ...change,
});

/** Sends, then expects: 200, one warn line naming the payload kind and issue, no error line, nothing for the core, nothing sent. */
async function expectIgnored(request: SignedRequest, kind: string, issue: RegExp): Promise<void> {
  const res = await send(h.eventsUrl, request);
  expect(res.status).toBe(200);
  await h.adapter.idle();
  const lines = newLogs();
  const warnings = lines.filter((l) => l.msg === WARNING);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatchObject({ level: 40, payload: kind });
  expect(warnings[0]?.issues?.join(' ')).toMatch(issue);
  expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  const raw = h.logs.slice(logStart).join('\n');
  for (const secret of [SECRETS.botToken, SECRETS.signingSecret, 'deprecated-verification-token', LONG_VALUE.slice(0, 100)]) expect(raw).not.toContain(secret);
  expect(seen).toEqual([]);
  expect(h.fake.calls.filter((c) => c.method !== 'users.info')).toEqual([]);
  expect(h.fake.responses).toEqual([]);
}

describe('GIVEN a signed but malformed Slack payload', () => {
  it('a slash command without user_id THEN acked, warned once, ignored', async () => {
    const fields = withoutKey(commandFields('checklist', user, undefined, h.fake.responseUrl('c')), 'user_id');
    await expectIgnored(commandRequest(SECRETS.signingSecret, fields), 'command', /^user_id: invalid_type$/);
  });

  it('a slash command with an empty trigger_id and channel_id THEN acked, warned once, ignored', async () => {
    const fields = { ...commandFields('checklist', user, undefined, h.fake.responseUrl('c')), trigger_id: '', channel_id: '' };
    await expectIgnored(commandRequest(SECRETS.signingSecret, fields), 'command', /channel_id: too_small.*trigger_id: too_small/);
  });

  it('a mention without a user THEN acked, warned once, ignored', async () => {
    await expectIgnored(eventRequest(SECRETS.signingSecret, mention({})), 'mention', /^event\.user: custom$/);
  });

  it('a mention whose user is a number THEN acked, warned once, ignored (never a sender id of the wrong type)', async () => {
    await expectIgnored(eventRequest(SECRETS.signingSecret, mention({ user: 42 })), 'mention', /^event\.user: invalid_type$/);
  });

  it('a mention without a channel THEN acked, warned once, ignored (no TypeError in the adapter)', async () => {
    const payload = mention({ user: 'UALICE' });
    delete (payload.event as Record<string, unknown>).channel;
    await expectIgnored(eventRequest(SECRETS.signingSecret, payload), 'mention', /^event\.channel: invalid_type$/);
  });

  it('a DM whose text is an object THEN acked, warned once, ignored', async () => {
    const payload = eventCallback({ type: 'message', channel_type: 'im', channel: 'DUALICE', user: 'UALICE', ts: '1700000000.000200', text: { rich: true } });
    await expectIgnored(eventRequest(SECRETS.signingSecret, payload), 'direct message', /^event\.text: invalid_type$/);
  });

  it('an event callback without its event THEN acked (not 404, which Slack would retry), warned once', async () => {
    const payload = { ...eventCallback({ type: 'app_mention' }), event: undefined };
    await expectIgnored(eventRequest(SECRETS.signingSecret, payload), 'event', /^event: invalid_type$/);
  });

  it('a button press with no actions THEN acked (not 404), warned once, ignored', async () => {
    await expectIgnored(actionRequest(SECRETS.signingSecret, press({ actions: [] })), 'button', /^actions: too_small$/);
  });

  it('a button press without a user THEN acked (not 500), warned once, ignored', async () => {
    await expectIgnored(actionRequest(SECRETS.signingSecret, press({ user: undefined })), 'button', /^user: invalid_type$/);
  });

  it('a button press whose user is a string THEN acked, warned once, ignored', async () => {
    await expectIgnored(actionRequest(SECRETS.signingSecret, press({ user: 'UALICE' })), 'button', /^user: invalid_type$/);
  });

  it('a button value of 5,000 characters (Block Kit allows 2,000) THEN acked, warned once without the value, ignored', async () => {
    const actions = [{ type: 'button', action_id: 'poll.vote#0', block_id: 'b1', value: LONG_VALUE, action_ts: '1700000001.000100' }];
    await expectIgnored(actionRequest(SECRETS.signingSecret, press({ actions })), 'button', /^actions\.0\.value: too_big$/);
  });

  it('a press whose is_ephemeral is a string THEN acked, warned once, ignored', async () => {
    const container = { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: 'no' };
    await expectIgnored(actionRequest(SECRETS.signingSecret, press({ container })), 'button', /^container\.is_ephemeral: invalid_type$/);
  });
});

describe('GIVEN well-formed payloads around the malformed ones', () => {
  it('THEN they are still answered, with null optional fields read as absent', async () => {
    await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, withoutKey(commandFields('x', user), 'user_id')));
    await send(h.eventsUrl, eventRequest(SECRETS.signingSecret, mention({ user: 'UALICE', thread_ts: null })));
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 3_000, 'the answer');
    expect(post.body.thread_ts).toBeUndefined();
    expect(seen.map((i) => i.kind)).toEqual(['mention']);
  });

  it('THEN bot messages and edits in a DM are ignored silently, not reported as malformed', async () => {
    const dm = (event: Record<string, unknown>) => eventRequest(SECRETS.signingSecret, eventCallback({ type: 'message', channel_type: 'im', channel: 'DUALICE', ts: '1700000000.000300', ...event }));
    await send(h.eventsUrl, dm({ subtype: 'bot_message', bot_id: 'BOTHER', text: 'beep' }));
    await send(h.eventsUrl, dm({ subtype: 'message_changed', message: { user: 'UALICE', text: 'edited' } }));
    await h.adapter.idle();
    expect(newLogs().filter((l) => l.msg === WARNING || l.level >= 50)).toEqual([]);
    expect(seen).toEqual([]);
  });
});

describe('GIVEN a malformed envelope over Socket Mode', () => {
  it('THEN the envelope is acknowledged, warned once, and ignored', async () => {
    const socket = await startSlack({ mode: 'socket', handler });
    try {
      await waitFor(() => socket.fake.socketClients() === 1, 3_000, 'socket connection');
      const from = socket.logs.length;
      const fields = { ...commandFields('help', user, undefined, socket.fake.responseUrl('s')), user_id: 42 };
      const ack = await socket.fake.sendEnvelope('slash_commands', fields);
      expect(ack.envelope_id).toMatch(/^env-/);
      await socket.adapter.idle();
      const warnings = socket.logs.slice(from).filter((l) => l.includes(WARNING));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('user_id: invalid_type');
      expect(seen).toEqual([]);
      expect(socket.fake.responses).toEqual([]);
    } finally {
      await socket.stop();
    }
  });
});
