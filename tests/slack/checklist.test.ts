import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type ApiCall } from '../helpers/fake-slack.js';
import { SECRETS, startSlack, type SlackHarness } from '../helpers/slack-harness.js';
import { actionRequest, blockActions, commandFields, commandRequest, send } from '../helpers/slack-signing.js';

let h: SlackHarness;
const team = [
  { id: 'UALICE', name: 'alice' },
  { id: 'UBOB', name: 'bob' },
  // Slack sends the presser's name with each press: a hostile one must still never ping.
  { id: 'UCAROL', name: 'Carol <!channel>' },
];

beforeAll(async () => {
  h = await startSlack();
  h.fake.users.set('UALICE', { name: 'alice', real_name: 'Alice' });
  h.fake.users.set('UBOB', { name: 'bob', real_name: 'Bob' });
  // A display name that would ping the whole channel if it were not escaped.
  h.fake.users.set('UCAROL', { name: 'carol', real_name: 'Carol <!channel>' });
});
afterAll(async () => h.stop());

type Element = { text: { text: string }; action_id: string; value: string };
const elements = (call: ApiCall) =>
  (call.body.blocks as Array<{ type: string; elements?: Element[] }>).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const header = (call: ApiCall) => (call.body.blocks as Array<{ type: string; text?: { text: string } }>).find((b) => b.type === 'header')?.text?.text;
const messageCalls = () => h.fake.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update');

async function press(user: (typeof team)[number], element: Element, ts: string): Promise<ApiCall> {
  const before = messageCalls().length;
  const payload = blockActions({ user, channel: 'C9', ts, actionId: element.action_id, value: element.value, responseUrl: h.fake.responseUrl('press') });
  const res = await send(h.eventsUrl, actionRequest(SECRETS.signingSecret, payload));
  expect(res.status).toBe(200);
  return waitFor(() => messageCalls()[before], 3_000, `the reply to ${user.id} pressing ${element.text.text}`);
}

describe('a team checklist over Slack', () => {
  it('GIVEN three people answering and pressing Next THEN the message is updated in place up to the result and its decision record file', async () => {
    await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('checklist', team[0]!, { id: 'C9', name: 'eng' }, h.fake.responseUrl('start'))));
    const first = await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 3_000, 'first question');
    const ts = String(first.result?.ts);
    expect(header(first)).toMatch(/\(1 of \d+\)/);
    const steps = Number(/of (\d+)/.exec(header(first) ?? '')?.[1]);
    let current = first;
    for (let step = 0; step < steps; step++) {
      const options = elements(current).filter((e) => !e.action_id.startsWith('checklist.next'));
      for (const [i, user] of team.entries()) {
        current = await press(user, options[i % options.length]!, ts);
        expect(current.method).toBe('chat.update');
        expect(current.body.ts).toBe(ts);
      }
      expect(JSON.stringify(current.body.blocks)).toContain('3 people');
      const next = elements(current).find((e) => e.action_id.startsWith('checklist.next'));
      expect(next, `Next button at step ${step}`).toBeDefined();
      current = await press(team[step % 3]!, next!, ts);
      expect(current.method).toBe('chat.update');
    }
    expect(header(current)).toMatch(/^Recommendation: (Rust|Go|Both)/);
    expect(JSON.stringify(current.body.blocks)).toContain('from 3 people');

    const record = elements(current).find((e) => e.action_id.startsWith('checklist.record'));
    expect(record).toBeDefined();
    await press(team[1]!, record!, ts);
    const complete = await waitFor(() => h.fake.callsTo('files.completeUploadExternal')[0], 3_000, 'file upload');
    const getUrl = h.fake.callsTo('files.getUploadURLExternal')[0];
    expect(getUrl?.body.filename).toMatch(/\.md$/);
    expect(complete.body).toMatchObject({ channel_id: 'C9' });
    const fileId = (complete.body.files as Array<{ id: string }>)[0]?.id ?? '';
    expect(h.fake.uploads.get(fileId)).toMatch(/Rust|Go/);

    // Nothing the bot sent anywhere carries a live broadcast, although a name contained one.
    const sent = h.fake.allSentText();
    expect(sent.includes('Carol &lt;!channel&gt;'), 'the escaped name').toBe(true);
    expect(sent.includes('<!channel>'), 'a live <!channel>').toBe(false);
  });
});
