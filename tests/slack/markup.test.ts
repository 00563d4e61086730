import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeSlackText, unnamedUsers } from '../../adapters/slack/markup.js';
import { escapeText, renderReply } from '../../adapters/slack/render.js';
import { waitFor } from '../helpers/fake-slack.js';
import { SECRETS, startSlack, type SlackHarness } from '../helpers/slack-harness.js';
import { actionRequest, commandFields, commandRequest, eventCallback, eventRequest, send } from '../helpers/slack-signing.js';
import { elements } from '../helpers/slack-wire.js';

/** Issue 10 items 3, 12 and 13 on Slack: markup decoded, unused interactions acked, long commands answered, labels cut whole. */

describe('decodeSlackText', () => {
  it.each([
    ['R&amp;D &lt;3 &gt;_&gt;', 'R&D <3 >_>'],
    ['see <http://fly.io|fly.io>?', 'see fly.io?'],
    ['see <https://example.com/a?b=1&amp;c=2>', 'see https://example.com/a?b=1&c=2'],
    ['in <#C0RANDOM|random> and <#C0OTHER>', 'in #random and #C0OTHER'],
    ['ask <@UBOB|bob> or <@UCAROL>', 'ask @bob or @carol'],
    ['<!here> <!channel> <!everyone>', '@here @channel @everyone'],
    ['<!subteam^S123|@devs> on <!date^1392734382^{date}|Feb 18>', '@devs on Feb 18'],
    ['&amp;lt;not a tag&amp;gt;', '&lt;not a tag&gt;'],
  ])('%s → %s', (raw, plain) => {
    expect(decodeSlackText(raw, new Map([['UCAROL', 'carol']]))).toBe(plain);
  });

  it('lists only the user mentions that carry no name', () => {
    expect(unnamedUsers('<@UBOB|bob> <@UCAROL> <@W123>')).toEqual(['UCAROL', 'W123']);
  });
});

describe('labels and titles are trimmed before they are escaped', () => {
  it('GIVEN a button label of 50 & THEN it is cut between whole escapes', () => {
    const r = renderReply({ sections: ['x'], buttons: [{ label: '&'.repeat(50), action: 'poll.vote', value: 'v' }] });
    const label = JSON.stringify(r.blocks).match(/"text":"((?:&amp;)+)…"/)?.[1];
    expect(label).toBeDefined();
    expect(label!.length + 1).toBeLessThanOrEqual(75);
    expect(label!.length % '&amp;'.length).toBe(0);
  });

  it('GIVEN a title of emoji THEN no surrogate pair is split', () => {
    const r = renderReply({ title: '🦀'.repeat(100), sections: ['x'] });
    const header = (r.blocks[0] as { text: { text: string } }).text.text;
    expect(header.length).toBeLessThanOrEqual(150);
    expect(header).toMatch(/^(🦀)+…$/u);
  });

  it('GIVEN a long section of & THEN no piece ends inside an escape', () => {
    const r = renderReply({ sections: ['& '.repeat(1_000) + '&'.repeat(2_000)] });
    for (const b of r.blocks) {
      const text = (b as { text?: { text?: string } }).text?.text ?? '';
      expect(text).not.toMatch(/&(a|am|amp)?$/);
      expect(escapeText('x')).toBe('x');
    }
  });
});

describe('over the wire', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlack();
  });
  afterAll(async () => h.stop());
  beforeEach(() => h.fake.reset());
  const alice = { id: 'UALICE', name: 'alice' };

  it('GIVEN a poll typed with Slack markup in a mention THEN its question and options are what the person wrote', async () => {
    h.fake.users.set('UBOB', { name: 'bob', real_name: 'Bob B' });
    const text = '<@UBOT> poll R&amp;D on <http://fly.io|fly.io> for <@UBOB>? | A &amp; B | <#C0RANDOM|random>';
    await send(h.eventsUrl, eventRequest(SECRETS.signingSecret, eventCallback({ type: 'app_mention', user: 'UALICE', text, channel: 'C7', ts: '1700000900.000100' })));
    const poll = await waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'C7'), 3_000, 'the poll');
    expect(elements(poll).map((e) => e.text.text)).toEqual(expect.arrayContaining(['A &amp; B', '#random']));
    const shown = JSON.stringify(poll.body.blocks);
    expect(shown).toContain('R&amp;D on fly.io for @Bob B?');
    expect(shown).not.toContain('&amp;amp;');
    expect(shown).not.toContain('&lt;');
  });

  it.each(['view_submission', 'shortcut', 'message_action', 'block_suggestion', 'view_closed'])(
    'GIVEN a %s payload the bot does not use THEN it is acked with 200 at once, not held and answered 404',
    async (type) => {
      const started = Date.now();
      const res = await send(h.eventsUrl, actionRequest(SECRETS.signingSecret, { type, user: { id: 'UALICE' }, team: { id: 'T1' }, trigger_id: 't1', callback_id: 'x' }));
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1_000);
    },
  );

  it('GIVEN a slash command over 40,000 characters THEN the asker gets the friendly too-long reply', async () => {
    const res = await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields(`ask ${'why '.repeat(11_000)}`, alice, undefined, h.fake.responseUrl('long'))));
    expect(res.status).toBe(200);
    const reply = res.body.trim() && res.body !== '{}' ? res.body : JSON.stringify((await waitFor(() => h.fake.responses.find((r) => r.id === 'long'), 3_000, 'the reply')).body);
    expect(reply).toContain('44,003 characters long');
  });
});
