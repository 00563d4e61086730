import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETS, startSlack, type SlackHarness } from '../helpers/slack-harness.js';
import { actionRequest, commandRequest, eventCallback, eventRequest, send, type SignedRequest } from '../helpers/slack-signing.js';
import { asRecorded, loadFixtures } from './fixtures.js';
import { RecordingHandler } from './harness.js';

/**
 * Slack's documented payloads (tests/fixtures/slack) through the real path: signed HTTP to Bolt's
 * receiver, the adapter's schemas and translation, to the exact neutral Incoming — or nothing.
 */
const fixtures = loadFixtures<'command' | 'event' | 'action'>('slack');
const handler = new RecordingHandler();
let h: SlackHarness;

beforeAll(async () => {
  h = await startSlack({ handler });
  h.fake.users.set('U0FAKEUSER1', { name: 'fake.person', real_name: 'Fake Person' });
  h.fake.users.set('U0FAKEUSER2', { name: 'second.fake', real_name: 'Second Fake' });
});
afterAll(async () => h.stop());

function request(fixture: (typeof fixtures)[number]): SignedRequest {
  // response_url points at Slack; here it points at the fake, so a stray reply is seen, not sent.
  const payload = { ...fixture.payload, ...('response_url' in fixture.payload ? { response_url: h.fake.responseUrl(fixture.name) } : {}) };
  if (fixture.delivery === 'command') return commandRequest(SECRETS.signingSecret, payload);
  if (fixture.delivery === 'action') return actionRequest(SECRETS.signingSecret, payload);
  return eventRequest(SECRETS.signingSecret, payload);
}

describe('Slack’s documented payloads map to neutral Incomings', () => {
  it('has a fixture for each scenario the adapter reads', () => {
    expect(fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining(['command-channel', 'app-mention', 'app-mention-thread-reply', 'message-im', 'message-im-bot-message', 'message-im-message-changed', 'block-actions-button']),
    );
    for (const f of fixtures) expect(f._source, f.name).toMatch(/Slack/);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('GIVEN %s THEN the exact Incoming, or ignored', async (_name, fixture) => {
    const mark = handler.handled.length;
    const logsFrom = h.logs.length;
    const res = await send(h.eventsUrl, request(fixture));
    expect(res.status).toBe(200);
    if (fixture.expect === 'ignored') {
      // A person's DM right after: when it arrives and nothing came before it, the fixture was ignored.
      const marker = eventCallback({ type: 'message', channel_type: 'im', channel: 'DUMARKER', user: 'UMARKER', text: `marker ${fixture.name}`, ts: '1700000000.000900' });
      await send(h.eventsUrl, eventRequest(SECRETS.signingSecret, marker));
      const next = await handler.next(mark);
      expect(next.incoming.text).toBe(`marker ${fixture.name}`);
    } else {
      // What a person may see and the channel's name are the decision log's (tests/decisions); the fixtures pin the rest.
      const { access, conversationName, ...incoming } = (await handler.next(mark)).incoming;
      // eslint-disable-next-line @typescript-eslint/unbound-method -- only its type is checked; it is never called here
      expect(access?.canSee).toBeTypeOf('function');
      expect([undefined, 'string']).toContain(conversationName === undefined ? undefined : typeof conversationName);
      expect(await asRecorded(incoming)).toEqual(fixture.expect);
    }
    await h.adapter.idle();
    // Documented shapes are well-formed: none may trip the adapter's schemas or fail in handling.
    const lines = h.logs.slice(logsFrom).map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
  });
});
