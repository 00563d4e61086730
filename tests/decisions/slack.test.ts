import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type ApiCall } from '../helpers/fake-slack.js';
import { SECRETS, startSlack, type SlackHarness } from '../helpers/slack-harness.js';
import { actionRequest, commandFields, commandRequest, eventCallback, eventRequest, send } from '../helpers/slack-signing.js';
import { blocksText, button, commandReply, driver, postsIn, type SlackDriver } from '../helpers/slack-wire.js';

let h: SlackHarness;
let d: SlackDriver;
const alice = { id: 'UALICE', name: 'alice' };
const bob = { id: 'UBOB', name: 'bob' };
const carol = { id: 'UCAROL', name: 'carol' };

beforeAll(async () => {
  h = await startSlack();
  d = driver(h.fake, SECRETS.signingSecret);
  for (const u of [alice, bob, carol]) h.fake.users.set(u.id, { name: u.name, real_name: u.name[0]!.toUpperCase() + u.name.slice(1) });
  h.fake.channels.set('CPUB', { isPrivate: false, members: [alice.id, bob.id] });
  h.fake.channels.set('GSECRET', { isPrivate: true, members: [alice.id] });
});
afterAll(async () => h.stop());

const publishes = (user: string) => h.fake.callsTo('views.publish').filter((c) => c.body.user_id === user);

async function openHome(user: string, tab: 'home' | 'messages'): Promise<number> {
  const event = eventCallback({ type: 'app_home_opened', user, channel: `D${user}`, tab, event_ts: `${Date.now() / 1000}` });
  return (await send(h.eventsUrl, eventRequest(SECRETS.signingSecret, event))).status;
}

/** `/rustgo text` in `channel`; what the asker got back, in the ack itself or through the response_url. */
async function command(text: string, user: typeof alice, channel: string): Promise<Record<string, unknown>> {
  const id = d.rid(text.split(' ')[0] ?? 'cmd');
  const fields = commandFields(text, user, { id: channel, name: channel.toLowerCase() }, h.fake.responseUrl(id));
  return commandReply(h.fake, await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, fields)), id, 5_000);
}

async function closeNewest(user: typeof alice, channel: string): Promise<void> {
  const before = postsIn(h.fake, channel).length;
  const answer = await command('close', user, channel);
  // The announcement is one plain message: it may travel in the command's ack, visible to the channel.
  if (String(answer.text).includes('is closed') && answer.response_type === 'in_channel') return;
  await waitFor(() => postsIn(h.fake, channel).slice(before).find((c) => String(c.body.text).includes('is closed')), 5_000, 'the close');
}

/** Presses a button of the Home view: the payload carries a view container and no channel. */
async function pressInHome(user: typeof alice, element: { action_id: string; value: string }): Promise<number> {
  const payload = {
    type: 'block_actions',
    team: { id: 'T1', domain: 'acme' },
    user: { id: user.id, username: user.name, team_id: 'T1' },
    api_app_id: 'A1',
    container: { type: 'view', view_id: 'V1' },
    trigger_id: `trig-home-${Date.now()}`,
    view: { id: 'V1', type: 'home' },
    actions: [{ type: 'button', action_id: element.action_id, block_id: 'b1', value: element.value, action_ts: `${Date.now() / 1000}` }],
  };
  return (await send(h.eventsUrl, actionRequest(SECRETS.signingSecret, payload))).status;
}

const homeText = (call: ApiCall) => JSON.stringify(call.body.view);

describe('the decision log over the real Bolt', () => {
  it('GIVEN decisions in a private and a public channel, an open anonymous poll and a running checklist THEN each person’s Home tab shows what they may see', async () => {
    const secret = await d.startWith(h.eventsUrl, 'poll Secret plan? | Rust | Go', alice, 'GSECRET');
    await d.vote(h.eventsUrl, alice, 'GSECRET', String(secret.result?.ts), button(secret, 'Go'));
    await closeNewest(alice, 'GSECRET');
    await d.startWith(h.eventsUrl, 'poll Lunch order? | Pizza | Soup', bob, 'CPUB');
    await closeNewest(bob, 'CPUB');
    const open = await d.startWith(h.eventsUrl, 'poll anonymous for 2h Which runtime? | Tokio | Goroutines', alice, 'CPUB');
    expect(blocksText(open)).toMatch(/closes <!date\^\d+\^\{date_short_pretty\} \{time\}\|2\d{3}-\d\d-\d\d \d\d:\d\d UTC>/);
    await d.vote(h.eventsUrl, bob, 'CPUB', String(open.result?.ts), button(open, 'Goroutines'));
    await d.startWith(h.eventsUrl, 'checklist for billing service', alice, 'CPUB');

    expect(await openHome(carol.id, 'messages')).toBe(200);
    expect(await openHome(carol.id, 'home')).toBe(200);
    const carolsHome = await waitFor(() => publishes(carol.id)[0], 5_000, "carol's Home view");
    const shown = homeText(carolsHome);
    expect((carolsHome.body.view as { type: string }).type).toBe('home');
    expect((carolsHome.body.view as { blocks: unknown[] }).blocks.length).toBeLessThanOrEqual(100);
    expect(shown).toContain('Which runtime?');
    expect(shown).toContain('Tokio 0, Goroutines 1 · 1 in total');
    expect(shown).toMatch(/closes <!date\^\d+\^/);
    expect(shown).toContain('billing service');
    expect(shown).toContain('Lunch order?');
    expect(shown).not.toContain('Secret plan?');
    expect(shown).not.toMatch(/Bob|"bob"/);

    await openHome(alice.id, 'home');
    const alicesHome = await waitFor(() => publishes(alice.id)[0], 5_000, "alice's Home view");
    expect(homeText(alicesHome)).toContain('Secret plan?');
    // The messages-tab event, sent before carol's home-tab event, published nothing.
    expect(publishes(carol.id)).toHaveLength(1);
    expect(h.fake.callsTo('views.publish')).toHaveLength(2);

    // The record button in the Home view (no channel) sends the ADR to carol's DM with the bot.
    const elements = (alicesHome.body.view as { blocks: Array<{ type: string; elements?: Array<{ text: { text: string }; action_id: string; value: string }> }> }).blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? []);
    const lunch = elements.find((e) => e.text.text.startsWith('Decision record'));
    expect(lunch).toBeDefined();
    expect(await pressInHome(carol, lunch!)).toBe(200);
    const upload = await waitFor(() => h.fake.callsTo('files.completeUploadExternal').find((c) => c.body.channel_id === 'DUCAROL'), 5_000, 'the ADR in the DM');
    expect(upload).toBeDefined();
    expect([...h.fake.uploads.values()].some((u) => u.includes('# ADR ') && u.includes('Lunch order?'))).toBe(true);

    const howTo = elements.find((e) => e.text.text === 'How to use RustGo');
    expect(await pressInHome(carol, howTo!)).toBe(200);
    const guide = await waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'DUCAROL' && blocksText(c).includes('Getting started')), 5_000, 'the how-to in the DM');
    expect(blocksText(guide)).toContain('checklist for billing service`');
  });

  it('GIVEN `decisions` and `polls` in a public channel THEN an outsider gets an ephemeral list without the private channel’s entries', async () => {
    const list = await command('decisions', carol, 'CPUB');
    expect(list.response_type).toBe('ephemeral');
    expect(JSON.stringify(list.blocks)).toContain('Lunch order?');
    expect(JSON.stringify(list.blocks)).not.toContain('Secret plan?');

    const answer = await command('polls', carol, 'CPUB');
    expect(answer.response_type).toBe('ephemeral');
    const polls = JSON.stringify(answer.blocks);
    expect(polls).toContain('Which runtime?');
    expect(polls).not.toContain('Secret');
    expect(h.fake.callsTo('users.conversations').some((c) => c.body.user === carol.id)).toBe(true);
  });
});
