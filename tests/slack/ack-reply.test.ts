import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MessageHandler } from '../../src/core/messages.js';
import { openStore } from '../../src/state/store.js';
import { silentLogger } from '../../src/logger.js';
import { waitFor } from '../helpers/fake-slack.js';
import { countingStore, SECRETS, startSlack, type SlackHarness } from '../helpers/slack-harness.js';
import { commandFields, commandRequest, send } from '../helpers/slack-signing.js';
import { commandReply } from '../helpers/slack-wire.js';

/** Issue 13 on Slack: a command's reply travels in its ack when it is ready in time and may. */

const alice = { id: 'UALICE', name: 'alice' };

describe('GIVEN the default SQLite store', () => {
  let h: SlackHarness;
  let writes: string[];
  beforeAll(async () => {
    const sqlite = await openStore({ kind: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'rustgo-ack-')), 'rustgo.sqlite') }, { logger: silentLogger() });
    const counted = countingStore(sqlite);
    writes = counted.writes;
    h = await startSlack({ store: counted.store });
  });
  afterAll(async () => h.stop());
  beforeEach(() => {
    h.fake.reset();
    writes.length = 0;
  });

  it('WHEN /rustgo help is sent 5 times THEN each ack carries it and it costs zero Web API calls and zero store writes', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('help', alice, undefined, h.fake.responseUrl(`h${i}`))));
      expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral' });
      expect(res.body).toContain('/rustgo checklist');
    }
    await h.adapter.idle();
    expect(h.fake.calls).toEqual([]);
    expect(h.fake.responses).toEqual([]);
    expect(writes).toEqual([]);
  });

  it('WHEN an ask is answered THEN the ack carries it in_channel with working buttons, and no Web API call is made', async () => {
    const res = await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('ask does go gc hurt latency', alice, undefined, h.fake.responseUrl('ask'))));
    const answer = JSON.parse(res.body) as { response_type: string; blocks: unknown[] };
    expect(answer.response_type).toBe('in_channel');
    expect(JSON.stringify(answer.blocks)).toContain('Helpful');
    await h.adapter.idle();
    expect(h.fake.calls).toEqual([]);
  });

  it('WHEN a poll is started THEN the ack is empty and the poll is a real message the bot can edit', async () => {
    const res = await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('poll Lunch? | Rust | Go', alice, { id: 'C2', name: 'eng' }, h.fake.responseUrl('poll'))));
    expect(res.body).toBe('');
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 3_000, 'the poll message');
    expect(post.body.channel).toBe('C2');
  });

  it('WHEN the bot is not in the channel THEN a poll still gets the not-in-channel notice', async () => {
    h.fake.notInChannel.add('C404');
    const res = await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('poll Lunch? | Rust | Go', alice, { id: 'C404', name: 'x' }, h.fake.responseUrl('nic'))));
    const notice = await commandReply(h.fake, res, 'nic');
    expect(JSON.stringify(notice)).toContain('/invite @rustgo');
  });
});

describe('GIVEN a core slower than the ack deadline', () => {
  it('THEN the ack goes out empty at the deadline and the reply follows through response_url, keeping its visibility', async () => {
    const slow: MessageHandler = {
      async handle(_incoming, respond) {
        await new Promise((r) => setTimeout(r, 300));
        await respond.send({ sections: ['late but private'], ephemeral: true });
      },
    };
    const h = await startSlack({ handler: slow, ackDeadlineMs: 100 });
    try {
      const started = performance.now();
      const res = await send(h.eventsUrl, commandRequest(SECRETS.signingSecret, commandFields('x', alice, undefined, h.fake.responseUrl('late'))));
      expect(performance.now() - started).toBeLessThan(290);
      expect(res.body).toBe('');
      await h.adapter.idle();
      expect(h.fake.responses.find((r) => r.id === 'late')?.body).toMatchObject({ response_type: 'ephemeral', text: 'late but private' });
    } finally {
      await h.stop();
    }
  });
});
