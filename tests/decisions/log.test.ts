import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation, Reply } from '../../src/core/messages.js';
import { isoMinute, renderTimes } from '../../src/core/messages.js';
import { button, exchange, FakeClock, testBot } from '../helpers/core.js';
import { admin, alice, bob, carol, directChat, presses, replyText, says, teamChannel } from '../helpers/fake-chat.js';
import type { Store } from '../../src/state/store.js';
import { openTestStore, storeKinds } from '../polls/support.js';
import { DmOutbox, finishChecklist, memberOf, withAccess, withName } from './support.js';

const privateRoom: Conversation = { platform: 'slack', workspaceId: 'T1', channelId: 'G_SECRET', isDirect: false };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function rig(store?: Store) {
  const clock = new FakeClock();
  const bot = await testBot({ clock, ...(store ? { store } : {}) });
  const outbox = new DmOutbox();
  await bot.start({ outboxes: [outbox], sweepIntervalMs: 3_600_000 });
  cleanups.push(() => bot.stop());
  return { bot, clock, outbox };
}

const entryIds = (reply: Reply | undefined) => (reply?.buttons ?? []).filter((b) => b.action === 'decisions.record').map((b) => b.value);

describe('the decision log', () => {
  it('GIVEN a finished checklist and a closed poll THEN `decisions` lists both with id, subject, outcome, date and count', async () => {
    const { bot } = await rig();
    await finishChecklist(bot, alice, teamChannel, 'checklist for billing service');
    const [poll] = await exchange(bot, withName(says(bob, 'poll Which queue? | Kafka | NATS'), '#infra'));
    await exchange(bot, presses(carol, 'poll.vote', button(poll, 'NATS').value));
    await exchange(bot, says(bob, 'close'));

    const [list] = await exchange(bot, says(carol, 'decisions'));
    expect(list?.ephemeral).toBe(true);
    const ids = entryIds(list);
    expect(ids).toHaveLength(2);
    const text = replyText(list as Reply);
    expect(text).toMatch(new RegExp(`Which queue\\?\\*\\*: NATS · \`${ids[0]}\` · 2026-11-29 · 1 person · #infra`));
    expect(text).toMatch(new RegExp(`billing service\\*\\*: Rust · \`${ids[1]}\` · 2026-11-29 · 1 person`));
  });

  // Redis only where REDIS_URL is set.
  it.each(storeKinds.filter(([, available]) => available))('GIVEN the session and poll records expired on %s THEN the record button still sends the ADR offered at the time, in a DM', async (kind) => {
    const opened = await openTestStore(kind);
    cleanups.push(() => opened.cleanup());
    const { bot, outbox } = await rig(opened.store);
    const result = await finishChecklist(bot, alice, teamChannel, 'checklist for billing service');
    const offered = (await exchange(bot, presses(alice, 'checklist.record', button(result, 'Decision record (ADR)').value)))[0]?.files?.[0];
    const [poll] = await exchange(bot, says(bob, 'poll anonymous Which queue? | Kafka | NATS'));
    await exchange(bot, presses(carol, 'poll.vote', button(poll, 'Kafka').value));
    await exchange(bot, says(bob, 'close'));

    // Let the source records lapse for real: rewrite each with a 30 ms TTL and wait it out.
    for (const ns of ['results', 'polls']) {
      for (const key of await keysOf(bot.store, ns)) await bot.store.set(ns, key, await bot.store.get(ns, key), 30);
    }
    const lapsed = async () => {
      for (const ns of ['results', 'polls']) for (const key of await keysOf(bot.store, ns)) if ((await bot.store.get(ns, key)) !== undefined) return false;
      return true;
    };
    for (let i = 0; i < 100 && !(await lapsed()); i++) await new Promise((r) => setTimeout(r, 10));
    for (const ns of ['results', 'polls']) for (const key of await keysOf(bot.store, ns)) expect(await bot.store.get(ns, key)).toBeUndefined();

    const [list] = await exchange(bot, says(alice, 'decisions'));
    const [pollId, checklistId] = entryIds(list);
    const told = await exchange(bot, presses(alice, 'decisions.record', checklistId as string));
    expect(told[0]?.sections[0]).toMatch(/direct messages/);
    const sent = outbox.posts.at(-1);
    expect(sent?.conversation).toMatchObject({ channelId: 'D_U_ALICE', isDirect: true });
    const adr = sent?.reply.files?.[0]?.content ?? '';
    expect(adr).toContain(`# ADR ${checklistId}: Rust or Go for billing service`);
    expect(adr).toBe(offered?.content);

    await exchange(bot, presses(alice, 'decisions.record', pollId as string));
    const pollAdr = outbox.posts.at(-1)?.reply.files?.[0]?.content ?? '';
    expect(pollAdr).toContain('Which queue?');
    expect(pollAdr).toMatch(/\| Kafka \| 1 \|/);
    expect(pollAdr).toContain('anonymous');
    expect(pollAdr).not.toContain('Carol');
  });

  it('GIVEN a tie or no votes THEN the poll is logged as "no decision"', async () => {
    const { bot } = await rig();
    const [poll] = await exchange(bot, says(bob, 'poll Tabs? | Yes | No'));
    await exchange(bot, presses(alice, 'poll.vote', button(poll, 'Yes').value));
    await exchange(bot, presses(carol, 'poll.vote', button(poll, 'No').value));
    await exchange(bot, says(bob, 'close'));
    await exchange(bot, says(bob, 'poll Nobody cares? | Yes | No'));
    await exchange(bot, says(bob, 'close'));
    const [list] = await exchange(bot, says(bob, 'decisions'));
    expect(replyText(list as Reply).match(/No decision/g)).toHaveLength(2);
  });

  it('GIVEN a decision from a private channel THEN an outsider sees it in neither `decisions` nor `polls`; a member does', async () => {
    const { bot } = await rig();
    await exchange(bot, says(alice, 'poll Secret plan? | Rust | Go', privateRoom));
    await exchange(bot, says(alice, 'close', privateRoom));
    const [secret] = await exchange(bot, says(alice, 'poll for 1h Secret deadline? | Rust | Go', privateRoom));
    await exchange(bot, presses(alice, 'poll.vote', button(secret, 'Go').value, privateRoom));
    await exchange(bot, withName(says(alice, 'poll Public one? | A | B'), '#general'));

    const outsider = memberOf('C1');
    const [theirs] = await exchange(bot, withAccess(says(carol, 'decisions', { ...teamChannel, channelId: 'C_OTHER' }), outsider));
    expect(replyText(theirs as Reply)).not.toContain('Secret');
    const [theirPolls] = await exchange(bot, withAccess(says(carol, 'polls', { ...teamChannel, channelId: 'C_OTHER' }), outsider));
    expect(replyText(theirPolls as Reply)).toContain('Public one?');
    expect(replyText(theirPolls as Reply)).not.toContain('Secret');
    const recordId = (await exchange(bot, withAccess(says(alice, 'decisions', privateRoom), memberOf())))[0]?.buttons?.[0]?.value as string;
    const pressed = await exchange(bot, withAccess(presses(carol, 'decisions.record', recordId, { ...teamChannel, channelId: 'C_OTHER' }), outsider));
    expect(pressed[0]?.sections[0]).toMatch(/no decision .* that you can see/);

    const member = memberOf('G_SECRET');
    const [mine] = await exchange(bot, withAccess(says(bob, 'decisions', teamChannel), member));
    expect(replyText(mine as Reply)).toContain('Secret plan?');
    const [myPolls] = await exchange(bot, withAccess(says(bob, 'polls', teamChannel), member));
    const text = renderTimes(replyText(myPolls as Reply), isoMinute);
    expect(text).toContain('Secret deadline?');
    expect(text).toContain('closes 2026-11-29 10:00 UTC');
    expect(text).toMatch(/Rust 0, Go 1 · 1 in total/);
  });

  it('GIVEN more than ten decisions THEN a page holds ten and More shows the rest', async () => {
    const { bot } = await rig();
    for (let i = 1; i <= 12; i++) {
      await exchange(bot, says(alice, `poll Question ${i}? | A | B`));
      // The admin closes: one person's 24 commands would pass the per-minute limit.
      await exchange(bot, says(admin, 'close'));
    }
    const [first] = await exchange(bot, says(bob, 'decisions'));
    expect(entryIds(first)).toHaveLength(10);
    expect(replyText(first as Reply)).toContain('Question 12?');
    const [second] = await exchange(bot, presses(bob, 'decisions.more', button(first, 'More').value));
    expect(entryIds(second)).toHaveLength(2);
    expect(replyText(second as Reply)).toContain('Question 1?');
    expect(second?.buttons?.some((b) => b.label === 'More')).toBe(false);
  });

  it('GIVEN `decisions forget ID` THEN only the starter or an admin removes it', async () => {
    const { bot } = await rig();
    await exchange(bot, says(alice, 'poll Drop me? | A | B'));
    await exchange(bot, says(alice, 'close'));
    await exchange(bot, says(alice, 'poll Keep me? | A | B'));
    await exchange(bot, says(alice, 'close'));
    const [dropId, keepId] = entryIds((await exchange(bot, says(alice, 'decisions')))[0]).reverse();
    const refused = await exchange(bot, says(bob, `decisions forget ${dropId}`));
    expect(refused[0]?.sections[0]).toMatch(/Only the person who started/);
    await exchange(bot, says(alice, `decisions forget ${dropId}`));
    await exchange(bot, says(admin, `decisions forget ${keepId}`));
    expect(entryIds((await exchange(bot, says(bob, 'decisions')))[0])).toEqual([]);
  });

  it('GIVEN the console (no DM to open) THEN the record comes back as a file right there', async () => {
    const bot = await testBot();
    await finishChecklist(bot, alice, directChat);
    const [list] = await exchange(bot, says(alice, 'decisions', directChat));
    const [record] = await exchange(bot, presses(alice, 'decisions.record', entryIds(list)[0] as string, directChat));
    expect(record?.files?.[0]?.content).toMatch(/^# ADR [a-z0-9]{6}: Rust or Go for a direct message/);
  });
});

/** Keys of the results or polls behind the logged decisions (the store offers no key listing). */
async function keysOf(store: Awaited<ReturnType<typeof testBot>>['store'], ns: string): Promise<string[]> {
  const decisions = (await store.get('decision-index', 'slack:T1')) as { ids: string[] } | undefined;
  const keys: string[] = [];
  for (const id of decisions?.ids ?? []) {
    const d = (await store.get('decisions', `slack:T1:${id}`)) as { kind: string; sourceId: string; place: { channelId: string } };
    const convKey = `slack:T1:${d.place.channelId}`;
    if ((ns === 'results') === (d.kind === 'checklist')) keys.push(`${convKey}:${d.sourceId}`);
  }
  return keys;
}
