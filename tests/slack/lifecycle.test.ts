import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, DEFAULT_ACK_DEADLINE_MS } from '../../adapters/slack/index.js';
import type { MessageHandler } from '../../src/core/messages.js';
import { BotError } from '../../src/errors.js';
import { freePort } from '../helpers/net.js';
import { startFakeSlack, waitFor, type FakeSlack } from '../helpers/fake-slack.js';
import { capturingLogger } from '../helpers/logs.js';
import { SECRETS, startSlack, type SlackHarness } from '../helpers/slack-harness.js';
import { actionRequest, commandFields, commandRequest, eventCallback, send } from '../helpers/slack-signing.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function harness(options: Parameters<typeof startSlack>[0] = {}): Promise<SlackHarness> {
  const h = await startSlack(options);
  cleanups.push(() => h.stop());
  return h;
}

async function fakeSlack(): Promise<FakeSlack> {
  const fake = await startFakeSlack();
  cleanups.push(() => fake.close());
  return fake;
}

describe('Slack adapter lifecycle', () => {
  it('GIVEN Slack rejects the bot token THEN start-up fails naming SLACK_BOT_TOKEN, without the token itself', async () => {
    const fake = await fakeSlack();
    fake.rejectToken = true;
    const { logger, lines } = capturingLogger();
    const handler: MessageHandler = { handle: async () => {} };
    const adapter = createSlackAdapter(
      { mode: 'http', botToken: SECRETS.botToken, signingSecret: SECRETS.signingSecret, apiUrl: fake.apiUrl, port: 0 },
      { handler, logger, host: '127.0.0.1' },
    );
    const failure = await adapter.start().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(BotError);
    expect((failure as BotError).message).toMatch(/^SLACK_BOT_TOKEN: .*invalid_auth/);
    expect((failure as BotError).message).not.toContain(SECRETS.botToken);
    expect(adapter.port()).toBeUndefined();
    expect(lines.join('\n')).not.toContain(SECRETS.botToken);
  });

  it('GIVEN Slack cannot be reached at all THEN start-up says so, naming SLACK_API_URL, and does not blame the token', async () => {
    const port = await freePort();
    const { logger } = capturingLogger();
    const handler: MessageHandler = { handle: async () => {} };
    const apiUrl = `http://127.0.0.1:${port}/api/`;
    const adapter = createSlackAdapter(
      { mode: 'http', botToken: SECRETS.botToken, signingSecret: SECRETS.signingSecret, apiUrl, port: 0 },
      { handler, logger, host: '127.0.0.1' },
    );
    const failure = await adapter.start().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(BotError);
    expect((failure as BotError).message).toMatch(/^SLACK_API_URL: could not reach Slack's Web API at http:\/\/127\.0\.0\.1:\d+\/api\//);
    expect((failure as BotError).message).not.toMatch(/rejected/);
    expect(adapter.port()).toBeUndefined();
  });

  it('GIVEN a core that takes seconds THEN the slash command is still acknowledged at once', async () => {
    let handled = 0;
    const slow: MessageHandler = {
      async handle(_incoming, respond) {
        await new Promise((r) => setTimeout(r, 2_000));
        handled++;
        await respond.send({ sections: ['done'] });
      },
    };
    const h = await harness({ handler: slow });
    const started = performance.now();
    const res = await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('anything', { id: 'UALICE' }, undefined, h.fake.responseUrl('s'))));
    const ackMs = performance.now() - started;
    expect(res.status).toBe(200);
    // The ack waits for a reply only up to its deadline, then goes empty: well inside Slack's 3 s.
    expect(ackMs).toBeLessThan(DEFAULT_ACK_DEADLINE_MS + 500);
    expect(res.body).toBe('');
    expect(handled).toBe(0);
    await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 4_000, 'the slow answer');
  });

  it('GIVEN a health check THEN GET /healthz reports it with 200, or 503 when not ok', async () => {
    let ok = true;
    const h = await harness({ health: async () => ({ ok, store: ok ? 'up' : 'down' }) });
    const url = h.eventsUrl.replace('/slack/events', '/healthz');
    const good = await fetch(url);
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ ok: true, store: 'up', slack: 'running' });
    ok = false;
    const bad = await fetch(url);
    expect(bad.status).toBe(503);
    expect(await bad.json()).toMatchObject({ ok: false, store: 'down' });
  });

  it('GIVEN a handler reply of each kind THEN each goes the right way: channel post, ephemeral, file upload', async () => {
    const handler: MessageHandler = {
      async handle(_incoming, respond) {
        await respond.send({ title: 'Title <b>', sections: ['**bold** & more'], buttons: [{ label: 'Yes', action: 'test.yes', value: 'v1' }] });
        await respond.send({ sections: ['only you'], ephemeral: true });
        await respond.send({ sections: ['a file'], files: [{ name: 'export.csv', mimeType: 'text/csv', content: 'a,b\n1,2\n' }] });
      },
    };
    const h = await harness({ handler });
    const res = await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('x', { id: 'UALICE' }, { id: 'C7', name: 'eng' }, h.fake.responseUrl('k'))));
    await waitFor(() => h.fake.callsTo('files.completeUploadExternal')[0], 3_000, 'upload');
    // The first reply travels in the ack, visible to the channel; the rest take the usual paths.
    const first = JSON.parse(res.body) as Record<string, unknown>;
    expect(first).toMatchObject({ response_type: 'in_channel', text: 'Title &lt;b&gt;\nbold &amp; more' });
    expect(JSON.stringify(first.blocks)).toContain('*bold* &amp; more');
    expect(JSON.stringify(first.blocks)).toContain('"action_id":"test.yes#0"');
    expect(h.fake.responses.find((r) => r.id === 'k')?.body).toMatchObject({ response_type: 'ephemeral', text: 'only you' });
    const [second] = h.fake.callsTo('chat.postMessage');
    expect(second?.body).toMatchObject({ channel: 'C7', text: 'a file' });
    expect(h.fake.callsTo('files.getUploadURLExternal')[0]?.body).toMatchObject({ filename: 'export.csv', length: '8' });
    expect([...h.fake.uploads.values()][0]).toContain('a,b\n1,2\n');
  });
});

describe('Socket Mode', () => {
  it('GIVEN a slash-command envelope on the WebSocket THEN it is acknowledged with its envelope id and answered', async () => {
    const h = await harness({ mode: 'socket' });
    expect(h.fake.callsTo('apps.connections.open')[0]?.token).toBe(SECRETS.appToken);
    await waitFor(() => h.fake.socketClients() === 1, 3_000, 'socket connection');
    const fields = commandFields('checklist', { id: 'UALICE', name: 'alice' }, { id: 'C5', name: 'eng' }, h.fake.responseUrl('sock'));
    const ack = await h.fake.sendEnvelope('slash_commands', fields);
    expect(ack.envelope_id).toMatch(/^env-/);
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 3_000, 'socket answer');
    expect(post.body.channel).toBe('C5');
    expect(post.token).toBe(SECRETS.botToken);
    expect(JSON.stringify(post.body.blocks)).toContain('(1 of');

    const help = commandFields('help', { id: 'UALICE', name: 'alice' }, { id: 'C5', name: 'eng' }, h.fake.responseUrl('sockhelp'));
    const helpAck = await h.fake.sendEnvelope('slash_commands', help);
    // Help travels in the envelope's ack, as Socket Mode allows for slash commands.
    expect(helpAck.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(helpAck.payload)).toContain('/rustgo checklist');
    expect(h.fake.responses.find((r) => r.id === 'sockhelp')).toBeUndefined();
  });

  it('GIVEN a mention delivered twice over the socket THEN both envelopes are acked and it is answered once', async () => {
    const h = await harness({ mode: 'socket' });
    await waitFor(() => h.fake.socketClients() === 1, 3_000, 'socket connection');
    const payload = eventCallback({ type: 'app_mention', user: 'UALICE', text: '<@UBOT> checklist', channel: 'C6', ts: '1700001000.000100' }, 'EvSOCK1');
    const first = await h.fake.sendEnvelope('events_api', payload);
    const second = await h.fake.sendEnvelope('events_api', payload, { retry_attempt: 1, retry_reason: 'timeout' });
    expect(first.envelope_id).not.toBe(second.envelope_id);
    await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 3_000, 'answer');
    await h.adapter.idle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('outbox', () => {
  it('posts into a thread and edits a posted message without an incoming event', async () => {
    const h = await harness({ handler: { handle: async () => {} } });
    const conversation = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C12', threadId: '1700002000.000100', isDirect: false };
    const handle = await h.adapter.outbox.post(conversation, { title: 'Poll closed', sections: ['Go wins <!here>'] });
    expect(handle?.messageId).toMatch(/^\d+\.\d+$/);
    expect(h.fake.callsTo('chat.postMessage')[0]?.body).toMatchObject({ channel: 'C12', thread_ts: '1700002000.000100' });
    await h.adapter.outbox.update(handle!, { sections: ['Final tally'] });
    expect(h.fake.callsTo('chat.update')[0]?.body).toMatchObject({ channel: 'C12', ts: handle?.messageId, text: 'Final tally' });
    expect(h.fake.allSentText().includes('<!here>')).toBe(false);
  });
});

describe('buttons', () => {
  it('GIVEN a press on an ephemeral message whose reply replaces it THEN response_url replaces it (no chat.update)', async () => {
    const seen: string[] = [];
    const handler: MessageHandler = {
      async handle(incoming, respond) {
        seen.push(`${incoming.kind}:${incoming.button?.action}:${incoming.button?.value}:${incoming.eventId}`);
        await respond.send({ sections: ['replaced'], replaceOriginal: true });
      },
    };
    const h = await harness({ handler });
    const payload = {
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'UALICE', username: 'alice', team_id: 'T1' },
      container: { type: 'message', message_ts: '1700000900.000100', channel_id: 'C8', is_ephemeral: true },
      channel: { id: 'C8' },
      trigger_id: 'trig-eph-1',
      response_url: h.fake.responseUrl('eph'),
      actions: [{ type: 'button', action_id: 'poll.vote#2', value: 'p1:go', action_ts: '1700000901.1' }],
    };
    expect((await send(h.eventsUrl, actionRequest(SECRETS.signingSecret, payload))).status).toBe(200);
    const replaced = await waitFor(() => h.fake.responses.find((r) => r.id === 'eph'), 3_000, 'replacement');
    expect(replaced.body).toMatchObject({ replace_original: true, text: 'replaced' });
    expect(h.fake.callsTo('chat.update')).toHaveLength(0);
    expect(seen).toEqual(['button:poll.vote:p1:go:button:trig-eph-1']);
  });
});
