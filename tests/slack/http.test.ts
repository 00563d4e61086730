import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/fake-slack.js';
import { SECRETS, startSlack, type SlackHarness } from '../helpers/slack-harness.js';
import { actionRequest, blockActions, commandFields, commandRequest, eventCallback, eventRequest, send } from '../helpers/slack-signing.js';

let h: SlackHarness;
const alice = { id: 'UALICE', name: 'alice' };

beforeAll(async () => {
  h = await startSlack();
});
afterAll(async () => h.stop());
beforeEach(() => h.fake.reset());

const command = (text: string, user = alice, channel = { id: 'C1', name: 'general' }, responseId = 'r1') =>
  send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields(text, user, channel, h.fake.responseUrl(responseId))));

describe('Slack over HTTP', () => {
  it('GIVEN /rustgo help THEN the ack itself carries it, for the asker only, with no Web API call', async () => {
    const res = await command('help');
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.body) as Record<string, unknown>;
    expect(answer.response_type).toBe('ephemeral');
    const blocks = answer.blocks as Array<{ type: string; text?: { text: string } }>;
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'RustGo: Rust or Go?' } });
    expect(JSON.stringify(blocks)).toContain('/rustgo checklist');
    expect(answer.text).toContain('RustGo: Rust or Go?');
    await h.adapter.idle();
    expect(h.fake.calls).toEqual([]);
    expect(h.fake.responses).toEqual([]);
  });

  it('GIVEN a question THEN the answer is posted in the channel with its source and feedback buttons that work', async () => {
    const res = await command('does Go garbage collection hurt latency?', alice, { id: 'C4', name: 'eng' });
    // The answer travels in the ack, visible to the whole channel; Slack gives the message a ts for its buttons.
    const answer = JSON.parse(res.body) as Record<string, unknown>;
    expect(answer.response_type).toBe('in_channel');
    await h.adapter.idle();
    expect(h.fake.calls).toEqual([]);
    const blocks = answer.blocks as Array<{ type: string; elements?: Array<{ text?: unknown; action_id?: string; value?: string }> }>;
    expect(blocks.map((b) => b.type)).toEqual(expect.arrayContaining(['section', 'context', 'actions']));
    expect(JSON.stringify(blocks.find((b) => b.type === 'context'))).toContain('Source');
    const helpful = blocks.find((b) => b.type === 'actions')?.elements?.find((e) => JSON.stringify(e.text).includes('Helpful'));
    expect(helpful?.action_id).toMatch(/#\d+$/);
    const press = blockActions({ user: alice, channel: 'C4', ts: '1700000100.000100', actionId: helpful!.action_id!, value: helpful!.value!, responseUrl: h.fake.responseUrl('fb') });
    expect((await send(h.eventsUrl, actionRequest(SECRETS.signingSecret, press))).status).toBe(200);
    const thanks = await waitFor(() => h.fake.responses.find((r) => r.id === 'fb'), 3_000, 'feedback reply');
    expect(thanks.body.response_type).toBe('ephemeral');
  });

  it('GIVEN a mention inside a thread THEN the reply goes to that thread and the checklist belongs to it', async () => {
    const payload = eventCallback({ type: 'app_mention', user: 'UALICE', text: '<@UBOT> checklist', channel: 'C1', ts: '1700000500.000200', thread_ts: '1700000400.000100' });
    const res = await send(h.eventsUrl, eventRequest(SECRETS.signingSecret, payload));
    expect(res.status).toBe(200);
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 3_000, 'thread reply');
    expect(post.body).toMatchObject({ channel: 'C1', thread_ts: '1700000400.000100' });
    expect(JSON.stringify(post.body.blocks)).toContain('(1 of');
    expect(h.store && (await h.store.get('sessions', 'slack:T1:C1:1700000400.000100'))).toBeTruthy();
    expect(h.store && (await h.store.get('sessions', 'slack:T1:C1'))).toBeFalsy();

    // A button on that threaded message acts on the thread's checklist and edits the message in place.
    const ts = String(post.result?.ts);
    const actions = (post.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((b) => b.type === 'actions');
    const option = actions?.elements?.[0];
    const payload2 = blockActions({ user: alice, channel: 'C1', ts, threadTs: '1700000400.000100', actionId: option!.action_id, value: option!.value, responseUrl: h.fake.responseUrl('t') });
    expect((await send(h.eventsUrl, actionRequest(SECRETS.signingSecret, payload2))).status).toBe(200);
    const update = await waitFor(() => h.fake.callsTo('chat.update')[0], 3_000, 'thread update');
    expect(update.body).toMatchObject({ channel: 'C1', ts });
    expect(JSON.stringify(update.body.blocks)).toContain('Answered so far: 1 person');
  });

  it('GIVEN a mention asking for help in a thread THEN the ephemeral help goes to the asker in that thread', async () => {
    const payload = eventCallback({ type: 'app_mention', user: 'UALICE', text: '<@UBOT|rustgo> help', channel: 'C3', ts: '1700000700.000200', thread_ts: '1700000700.000100' });
    await send(h.eventsUrl, eventRequest(SECRETS.signingSecret, payload));
    const eph = await waitFor(() => h.fake.callsTo('chat.postEphemeral')[0], 3_000, 'ephemeral help');
    expect(eph.body).toMatchObject({ channel: 'C3', user: 'UALICE', thread_ts: '1700000700.000100' });
    // Mentions are how commands are typed here, so help shows them that way.
    expect(JSON.stringify(eph.body.blocks)).toContain('@rustgo checklist');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
