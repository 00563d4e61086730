import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type ApiCall } from '../helpers/fake-slack.js';
import { SECRETS, startSlack, type SlackHarness } from '../helpers/slack-harness.js';
import { actionRequest, blockActions, commandFields, commandRequest, send } from '../helpers/slack-signing.js';
import { commandReply } from '../helpers/slack-wire.js';

let h: SlackHarness;
const alice = { id: 'UALICE', name: 'alice' };
const bob = { id: 'UBOB', name: 'bob' };
const carol = { id: 'UCAROL', name: 'carol' };
const dave = { id: 'UDAVE', name: 'dave' };
const CHANNEL = { id: 'CPOLL', name: 'eng' };

beforeAll(async () => {
  h = await startSlack();
  for (const u of [alice, bob, carol, dave]) h.fake.users.set(u.id, { name: u.name, real_name: u.name[0]!.toUpperCase() + u.name.slice(1) });
});
afterAll(async () => h.stop());

type Element = { text: { text: string }; action_id: string; value: string };
const elements = (call: ApiCall) =>
  (call.body.blocks as Array<{ type: string; elements?: Element[] }>).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const button = (call: ApiCall, label: string) => {
  const found = elements(call).find((e) => e.text.text === label);
  if (!found) throw new Error(`no button ${label} in ${elements(call).map((e) => e.text.text).join(', ')}`);
  return found;
};
let pressSeq = 0;

/** Presses a button and returns what the presser was told privately. */
async function press(user: typeof alice, element: Element, ts: string): Promise<string> {
  const id = `press-${++pressSeq}`;
  const payload = blockActions({ user, channel: CHANNEL.id, ts, actionId: element.action_id, value: element.value, responseUrl: h.fake.responseUrl(id) });
  expect((await send(h.eventsUrl, actionRequest(SECRETS.signingSecret, payload))).status).toBe(200);
  const told = await waitFor(() => h.fake.responses.find((r) => r.id === id), 3_000, `${user.id}'s confirmation`);
  return String(told.body.text);
}

const lastUpdate = () => h.fake.callsTo('chat.update').at(-1);
const sectionsText = (call: ApiCall | undefined) => JSON.stringify(call?.body.blocks ?? []);

describe('a team poll over Slack', () => {
  it('GIVEN votes from several users, a moved vote and two close attempts THEN tallies, refusals and the result are right, and <!channel> never pings', async () => {
    await send(
      h.eventsUrl,
      commandRequest(SECRETS.signingSecret, commandFields('poll Ship <!channel> billing in Rust? | Rust | Go', alice, CHANNEL, h.fake.responseUrl('create'))),
    );
    const poll = await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 3_000, 'the poll message');
    const ts = String(poll.result?.ts);
    expect(poll.body.channel).toBe(CHANNEL.id);
    // Slack's `<!channel>` is read as the words "@channel", which the core breaks so it cannot ping.
    expect(sectionsText(poll)).toContain('Ship @\u200bchannel billing in Rust?');

    expect(await press(bob, button(poll, 'Rust'), ts)).toBe('You voted Rust.');
    expect(await press(carol, button(poll, 'Go'), ts)).toBe('You voted Go.');
    expect(await press(dave, button(poll, 'Rust'), ts)).toBe('You voted Rust.');
    expect(await press(bob, button(poll, 'Go'), ts)).toBe('Your vote moved to Go.');
    // The poll message itself is edited in place; its last edit shows the true tally.
    await waitFor(() => /\*Go\*: 2\\n/.test(sectionsText(lastUpdate())), 3_000, 'the tally after the moved vote');
    const tally = lastUpdate();
    expect(tally?.body).toMatchObject({ channel: CHANNEL.id, ts });
    expect(sectionsText(tally)).toMatch(/\*Rust\*: 1\\n/);
    expect(sectionsText(tally)).toMatch(/\*Go\*: 2\\n/);
    expect(sectionsText(tally)).toContain('*Total: 3*');

    const updatesBefore = h.fake.callsTo('chat.update').length;
    expect(await press(carol, button(poll, 'Close poll'), ts)).toMatch(/^Only the person who started this poll \(alice\)/);
    await h.adapter.idle();
    expect(h.fake.callsTo('chat.update')).toHaveLength(updatesBefore);

    const postsBefore = h.fake.callsTo('chat.postMessage').length;
    const payload = blockActions({ user: alice, channel: CHANNEL.id, ts, actionId: button(poll, 'Close poll').action_id, value: button(poll, 'Close poll').value, responseUrl: h.fake.responseUrl('close') });
    await send(h.eventsUrl, actionRequest(SECRETS.signingSecret, payload));
    const announcement = await waitFor(() => h.fake.callsTo('chat.postMessage')[postsBefore], 3_000, 'the result announcement');
    expect(String(announcement.body.text)).toContain('is closed');
    expect(String(announcement.body.text)).toContain('Winner: Go with 2 of 3 votes');
    const closed = lastUpdate();
    expect(closed?.body.ts).toBe(ts);
    expect(elements(closed!).some((e) => e.action_id.startsWith('poll.vote'))).toBe(false);

    const sent = h.fake.allSentText();
    expect(sent.includes('@\\u200bchannel') || sent.includes('@\u200bchannel')).toBe(true);
    expect(sent.includes('<!channel>'), 'a live <!channel> in something the bot sent').toBe(false);
  });

  it('GIVEN a workspace admin (users.info is_admin) THEN they may close someone else’s poll with /rustgo close', async () => {
    h.fake.users.set('UADMIN', { name: 'root', real_name: 'Root', is_admin: true });
    const channel = { id: 'CPOLL2', name: 'ops' };
    await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('poll Rust or Go? | Rust | Go', bob, channel, h.fake.responseUrl('c2'))));
    await waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.body.channel === channel.id), 3_000, 'the poll');
    const ack = await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('close', { id: 'UADMIN', name: 'root' }, channel, h.fake.responseUrl('c3'))));
    // The announcement travels in the command's ack, for the whole channel; the admin flag was looked up for it.
    const announcement = await commandReply(h.fake, ack, 'c3');
    expect(announcement.response_type).toBe('in_channel');
    expect(String(announcement.text)).toContain('is closed');
    expect(String(announcement.text)).toContain('Nobody voted');
    expect(h.fake.callsTo('users.info').map((c) => c.body.user)).toContain('UADMIN');
  });
});
