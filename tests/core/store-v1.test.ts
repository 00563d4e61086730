import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Button, Conversation, Reply } from '../../src/core/messages.js';
import { silentLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/state/store.js';
import { exchange, FakeClock, testBot } from '../helpers/core.js';
import { alice, bob, carol, presses, replyText, says } from '../helpers/fake-chat.js';
import { FakeOutbox, openTestStore, redisUrl, tempSqlite } from '../polls/support.js';

/** Written by the first release (tests/fixtures/store-v1/make.ts at ef99297): its records and the buttons it posted. */
interface Fixture {
  clock: number;
  conversations: Record<'team' | 'polls' | 'dm', Conversation>;
  rows: Array<{ key: string; value: string; expires: number | null }>;
  buttons: Record<string, Array<Pick<Button, 'label' | 'action' | 'value'>>>;
}
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/store-v1/store.json'), 'utf8')) as Fixture;
const { team, polls, dm } = fixture.conversations;

/** `rustgo:ns:key` → [ns, key]; namespaces hold no colon. */
function split(full: string): [string, string] {
  const rest = full.slice('rustgo:'.length);
  const at = rest.indexOf(':');
  return [rest.slice(0, at), rest.slice(at + 1)];
}

/** Byte for byte into the SQLite table the first release wrote (expiry dropped: the fixture must not age out). */
async function sqliteFromFixture(): Promise<Store> {
  const path = tempSqlite();
  await (await openStore({ kind: 'sqlite', path }, { logger: silentLogger() })).close();
  const db = new Database(path);
  const insert = db.prepare('INSERT INTO kv (key, value, expires) VALUES (?, ?, NULL)');
  for (const row of fixture.rows) insert.run(row.key, row.value.replace(/,"expires":\d+\}$/, '}'));
  db.close();
  return openStore({ kind: 'sqlite', path }, { logger: silentLogger() });
}

/** Through the store's own `set`, for the backends whose raw layout belongs to Keyv's adapter. */
async function loaded(store: Store): Promise<Store> {
  for (const row of fixture.rows) {
    const [ns, key] = split(row.key);
    await store.set(ns, key, (JSON.parse(row.value) as { value: unknown }).value);
  }
  return store;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const kinds: Array<[string, boolean, () => Promise<Store>]> = [
  ['sqlite (raw rows)', true, sqliteFromFixture],
  ['memory', true, async () => loaded(await openStore({ kind: 'memory' }, { logger: silentLogger() }))],
  [
    'redis',
    Boolean(redisUrl),
    async () => {
      const opened = await openTestStore('redis');
      cleanups.push(() => opened.cleanup());
      return loaded(opened.store);
    },
  ],
];

const pressed = (name: string, label: string) => {
  const found = fixture.buttons[name]?.find((b) => b.label === label);
  if (!found) throw new Error(`no button ${label} in ${name}`);
  return found;
};

describe.each(kinds)('a store written by the first release, on %s', (_kind, available, open) => {
  it.skipIf(!available)('GIVEN its records and buttons THEN every button still works and every record still reads', async () => {
    const store = await open();
    const clock = new FakeClock(fixture.clock);
    const bot = await testBot({ store, clock });
    const outbox = new FakeOutbox('slack');
    cleanups.push(() => store.close(), () => bot.stop());
    const press = async (who: typeof alice, name: string, label: string, where: Conversation): Promise<Reply[]> => {
      const b = pressed(name, label);
      return exchange(bot, presses(who, b.action, b.value, where));
    };

    // The team checklist mid-way: a step-2 answer counts beside Carol's; a step-1 button is stale.
    const [step] = await press(bob, 'team-checklist-step-2', fixture.buttons['team-checklist-step-2']![1]!.label, team);
    expect(step?.sections.join('\n')).toMatch(/Answered so far: 2 people \(Carol, Bob\)/);
    const [stale] = await press(bob, 'team-checklist-step-1', fixture.buttons['team-checklist-step-1']![0]!.label, team);
    expect(stale?.sections[0]).toMatch(/already behind us/);

    // The finished result: its decision record and its topic buttons.
    const [adr] = await press(alice, 'solo-result', 'Decision record (ADR)', dm);
    expect(adr?.files?.[0]?.content).toContain('- Participants: 1');
    const topicButton = fixture.buttons['solo-result']!.find((b) => b.action === 'knowledge.ask')!;
    const [topic] = await exchange(bot, presses(alice, topicButton.action, topicButton.value, dm));
    expect(topic?.title).toBeTruthy();
    expect(topic?.ephemeral).not.toBe(true);

    // The open poll: Bob's stored vote moves, Carol's is new, and the tally keeps Alice's (see the sweep below).
    expect((await press(bob, 'open-poll', 'Rust', polls))[0]?.sections[0]).toBe('Your vote moved to Rust.');
    expect((await press(carol, 'open-poll', 'Both', polls))[0]?.sections[0]).toBe('You voted Both.');
    const [snapshot] = await exchange(bot, says(alice, 'results', polls));
    expect(replyText(snapshot!)).toMatch(/Rewrite the parser\?[\s\S]*Winner: \*\*Yes\*\* with 2 of 3 votes/);

    // The closed anonymous poll refuses votes and exports its hashed votes' counts.
    expect((await press(alice, 'closed-anonymous-poll', 'No', polls))[0]?.sections[0]).toMatch(/closed; votes no longer count/);
    const [csv] = await exchange(bot, says(alice, 'export', polls));
    expect(csv?.files?.[0]?.content).toBe('"option","votes"\r\n"Yes","2"\r\n"No","1"\r\n');

    // The deadline index: two hours on, the sweep closes the open poll once and announces it.
    clock.advance(2 * 60 * 60_000);
    expect(await bot.start({ outboxes: [outbox], sweepIntervalMs: 3_600_000 })).toBe(1);
    expect(replyText(outbox.posts[0]!.reply)).toMatch(/Which language for the ingest service\?" is closed\. Winner: \*\*Rust\*\* with 2 of 3 votes/);

    // Feedback: Alice's stored vote is remembered; Carol's adds to the stored count.
    expect((await press(alice, 'knowledge-answer', 'Helpful', team))[0]?.sections[0]).toMatch(/already rated/);
    expect((await press(carol, 'knowledge-answer', 'Helpful', team))[0]?.sections[0]).toMatch(/^Thanks! I noted/);
    const [stats] = await exchange(bot, says(alice, 'topics stats', team));
    expect(replyText(stats!)).toMatch(/`go-gc-latency`\): helpful 3, not helpful 0/);

    // A poll started from the stored result lands its outcome in that result's decision record.
    const [fromResult] = await press(alice, 'solo-result', 'Start a team poll', dm);
    expect(fromResult?.sections[0]).toMatch(/The checklist recommends/);
  });
});
