import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/fake-slack.js';
import { SECRETS, startSlack, type SlackHarness } from '../helpers/slack-harness.js';
import { commandFields, commandRequest, send, signed } from '../helpers/slack-signing.js';

/**
 * Issue 10 item 1: no delivery can end the process. Signed (so past the signature check) but
 * malformed bodies go to the real adapter in both Slack modes; afterwards the process is still up,
 * `/healthz` answers and a real command gets its reply. Before the fix the first `null` body threw
 * inside Bolt's receiver (HTTP) or Socket Mode client, an unhandled rejection that ends Node.
 */

const MB = 'x'.repeat(1024 * 1024);
const user = { id: 'UALICE', name: 'alice' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const json = (value: unknown) => JSON.stringify(value);

/** Bodies as Slack's HTTP endpoint could receive them, with their content types. */
const HTTP_CORPUS: Array<[string, string, string]> = [
  ['json null', json(null), 'application/json'],
  ['json array', json([1, 2]), 'application/json'],
  ['json number', json(42), 'application/json'],
  ['json string', json('hello'), 'application/json'],
  ['json true', json(true), 'application/json'],
  ['json 1 MB string', json(MB), 'application/json'],
  ['not json', '{"type":', 'application/json'],
  ['form payload null', form({ payload: 'null' }), 'application/x-www-form-urlencoded'],
  ['form payload array', form({ payload: '[]' }), 'application/x-www-form-urlencoded'],
  ['form payload number', form({ payload: '7' }), 'application/x-www-form-urlencoded'],
  ['form payload 1 MB string', form({ payload: json(MB) }), 'application/x-www-form-urlencoded'],
  ['event_callback with event null', json({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: null }), 'application/json'],
  ['event_callback with event a string', json({ type: 'event_callback', team_id: 'T1', event_id: 'Ev2', event: 'message' }), 'application/json'],
  ['event_callback with a numeric event type', json({ type: 'event_callback', team_id: 'T1', event_id: 'Ev3', event: { type: 7 } }), 'application/json'],
  ['mention with a 1 MB user', json({ type: 'event_callback', team_id: 'T1', event_id: 'Ev4', event: { type: 'app_mention', user: MB, channel: 'C1', ts: '1.2', text: 'hi' } }), 'application/json'],
  ['url_verification without challenge', json({ type: 'url_verification' }), 'application/json'],
  ['type null', json({ type: null, command: null }), 'application/json'],
  ['block_actions with actions a string', form({ payload: json({ type: 'block_actions', user: { id: 'U1' }, actions: 'press' }) }), 'application/x-www-form-urlencoded'],
  ['block_actions with a 1 MB value', form({ payload: json({ type: 'block_actions', user: { id: 'U1' }, team: { id: 'T1' }, channel: { id: 'C1' }, actions: [{ action_id: 'poll.vote#0', value: MB }] }) }), 'application/x-www-form-urlencoded'],
  ['view_submission without a view', form({ payload: json({ type: 'view_submission', user: null }) }), 'application/x-www-form-urlencoded'],
  ['shortcut with everything missing', form({ payload: json({ type: 'shortcut' }) }), 'application/x-www-form-urlencoded'],
  ['command with no fields but command', form({ command: '/rustgo' }), 'application/x-www-form-urlencoded'],
  ['command with a 1 MB user id', form({ ...commandFields('help', user), user_id: MB }), 'application/x-www-form-urlencoded'],
];

/** Frames as the Socket Mode WebSocket could carry them. */
const SOCKET_CORPUS: Array<[string, string]> = [
  ['null', 'null'],
  ['array', '[]'],
  ['number', '42'],
  ['1 MB string', json(MB)],
  ['not json', '{"envelope_id":'],
  ['events_api with payload null', json({ envelope_id: 'e1', type: 'events_api', payload: null })],
  ['events_api with event null', json({ envelope_id: 'e2', type: 'events_api', payload: { type: 'event_callback', event: null } })],
  ['events_api with event a number', json({ envelope_id: 'e3', type: 'events_api', payload: { type: 'event_callback', event: 5 } })],
  ['events_api whose event type is the client’s own error event', json({ envelope_id: 'e4', type: 'events_api', payload: { type: 'event_callback', event: { type: 'error' } } })],
  ['an envelope type naming the client’s own ws_message event', json({ envelope_id: 'e5', type: 'ws_message', payload: {} })],
  ['an envelope type naming error', json({ envelope_id: 'e6', type: 'error', payload: {} })],
  ['slash_commands with payload null', json({ envelope_id: 'e7', type: 'slash_commands', payload: null })],
  ['interactive with payload an array', json({ envelope_id: 'e8', type: 'interactive', payload: [] })],
  ['interactive view_submission', json({ envelope_id: 'e9', type: 'interactive', payload: { type: 'view_submission' } })],
  ['slash_commands with a 1 MB user id', json({ envelope_id: 'e10', type: 'slash_commands', payload: { ...commandFields('help', user), user_id: MB } })],
  ['envelope without a type', json({ envelope_id: 'e11', payload: {} })],
];

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));

function envelopeId(frame: string): string | undefined {
  try {
    return (JSON.parse(frame) as { envelope_id?: string } | null)?.envelope_id;
  } catch {
    return undefined;
  }
}

/** The text of a command's reply, whether it came in the ack's body or through its response_url. */
async function replyText(h: SlackHarness, ack: { status: number; body: string }, responseId: string): Promise<string> {
  expect(ack.status).toBe(200);
  // An empty ack is `` over HTTP and `{}` over Socket Mode.
  if (ack.body.trim() && ack.body !== '{}') return ack.body;
  const response = await waitFor(() => h.fake.responses.find((r) => r.id === responseId), 3_000, 'the command reply');
  return JSON.stringify(response.body);
}

describe('GIVEN a corpus of signed but malformed Slack deliveries', () => {
  it('over HTTP THEN none ends the process, /healthz answers and a real command is answered', async () => {
    const h = await startSlack({ health: async () => ({ ok: true }) });
    try {
      for (const [name, body, type] of HTTP_CORPUS) {
        const res = await send(h.eventsUrl, signed(SECRETS.signingSecret, body, type));
        expect(res.status, name).toBeLessThan(500);
      }
      await h.adapter.idle();
      expect(unhandled).toEqual([]);
      const health = await fetch(h.eventsUrl.replace('/slack/events', '/healthz'));
      expect(health.status).toBe(200);
      const ack = await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('help', user, undefined, h.fake.responseUrl('after'))));
      expect(await replyText(h, ack, 'after')).toContain('/rustgo checklist');
      expect(Math.max(...h.logs.map((l) => l.length))).toBeLessThan(10_000);
    } finally {
      await h.stop();
    }
  });

  it('over Socket Mode THEN none ends the process, each envelope is acknowledged and a real command is answered', async () => {
    const h = await startSlack({ mode: 'socket' });
    try {
      await waitFor(() => h.fake.socketClients() === 1, 3_000, 'the socket connection');
      for (const [, frame] of SOCKET_CORPUS) h.fake.sendRaw(frame);
      const withIds = SOCKET_CORPUS.map(([, f]) => envelopeId(f)).filter((id): id is string => id !== undefined);
      expect(withIds.length).toBeGreaterThan(8);
      await waitFor(() => withIds.every((id) => h.fake.socketAcks.some((a) => a.envelope_id === id)), 3_000, 'acks of the malformed envelopes');
      await h.adapter.idle();
      expect(unhandled).toEqual([]);
      expect(h.fake.socketClients()).toBe(1);
      const ack = await h.fake.sendEnvelope('slash_commands', commandFields('help', user, undefined, h.fake.responseUrl('after')));
      const inAck = ack.payload === undefined ? '' : JSON.stringify(ack.payload);
      expect(await replyText(h, { status: 200, body: inAck }, 'after')).toContain('/rustgo checklist');
      expect(Math.max(...h.logs.map((l) => l.length))).toBeLessThan(10_000);
    } finally {
      await h.stop();
    }
  });
});
