import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/messages.js';
import { silentLogger } from '../../src/logger.js';
import { openStore } from '../../src/state/store.js';
import { admin, alice, bob, carol, directChat, presses, says, teamChannel } from '../helpers/fake-chat.js';
import { button, exchange, testBot } from '../helpers/core.js';

const answers: Record<string, string> = {
  performance: 'Critical, every ms counts',
  delivery: 'Correctness over speed',
  team: 'Both equally',
  ecosystem: 'Both are mature enough',
  workload: 'CPU-bound (compute, parsing)',
  'gc-pauses': 'Tight tail-latency budget',
  targets: 'No, servers or containers',
};

async function press(bot: Awaited<ReturnType<typeof testBot>>, who: typeof alice, reply: Reply | undefined, label: string, where = teamChannel) {
  const b = button(reply, label);
  return exchange(bot, presses(who, b.action, b.value, where));
}

const nextLabel = (reply: Reply | undefined) =>
  reply?.buttons?.find((b) => b.action === 'checklist.next')?.label ?? 'no Next button';

describe('team checklist in a channel', () => {
  it('GIVEN three members answering THEN Next moves on, answers count equally and the result names Rust', async () => {
    const bot = await testBot();
    let [question] = await exchange(bot, says(alice, 'checklist'));
    expect(question?.title).toContain('(1 of 7)');
    expect(question?.buttons?.map((b) => b.label)).toContain('Next');

    const refused = await press(bot, bob, question, 'Next');
    expect(refused[0]).toMatchObject({ ephemeral: true });
    expect(refused[0]?.sections[0]).toMatch(/Nobody has answered/);

    for (const label of Object.values(answers)) {
      for (const who of [alice, bob, carol]) {
        const [updated] = await press(bot, who, question, label);
        expect(updated?.replaceOriginal).toBe(true);
        question = updated;
      }
      expect(question?.sections.join(' ')).toContain('3 people (Alice, Bob, Carol)');
      [question] = await press(bot, carol, question, nextLabel(question));
    }
    expect(question?.title).toBe('Recommendation: Rust');
    expect(question?.sections[0]).toContain('from 3 people');

    const [record] = await press(bot, bob, question, 'Decision record (ADR)');
    const file = record?.files?.[0];
    expect(file?.name).toMatch(/^adr-rust-or-go-\d{4}-\d{2}-\d{2}\.md$/);
    expect(file?.content).toContain('Recommendation: **Rust**');
    expect(file?.content).toContain('| What does the team already know well? | Both equally (3) | 3 | 3 |');

    const [fresh] = await exchange(bot, says(bob, 'checklist'));
    expect(fresh?.title).toContain('(1 of 7)');
  });

  it('GIVEN a member who changes their answer THEN only the latest counts and disagreements are listed', async () => {
    const bot = await testBot();
    let [q] = await exchange(bot, says(alice, 'checklist'));
    [q] = await press(bot, alice, q, 'Critical, every ms counts');
    [q] = await press(bot, alice, q, 'Good enough is fine');
    [q] = await press(bot, bob, q, 'Critical, every ms counts');
    expect(q?.sections.join(' ')).toContain('2 people');
    for (let step = 1; step < 7; step++) {
      [q] = await press(bot, alice, q, nextLabel(q));
      if (step < 5) [q] = await press(bot, bob, q, q?.buttons?.[0]?.label ?? '');
    }
    [q] = await press(bot, alice, q, 'Show result');
    const text = q?.sections.join('\n') ?? '';
    expect(text).toContain('Where the team disagreed');
    expect(text).toContain('Critical, every ms counts (1), Good enough is fine (1)');
  });

  it('GIVEN an open session THEN checklist shows the current question instead of starting over', async () => {
    const bot = await testBot();
    let [q] = await exchange(bot, says(alice, 'checklist'));
    [q] = await press(bot, alice, q, 'Important, within reason');
    [q] = await press(bot, alice, q, 'Next');
    const [again] = await exchange(bot, says(bob, 'checklist'));
    expect(again?.title).toContain('(2 of 7)');
    expect(again?.buttons?.map((b) => b.value)).toEqual(q?.buttons?.map((b) => b.value));
  });

  it('GIVEN a stale, forged or foreign button THEN it is refused and nothing changes', async () => {
    const bot = await testBot();
    const [q1] = await exchange(bot, says(alice, 'checklist'));
    const [q1b] = await press(bot, alice, q1, 'Critical, every ms counts');
    const [q2] = await press(bot, alice, q1b, 'Next');

    const stale = await press(bot, bob, q1, 'Good enough is fine');
    expect(stale[0]?.sections[0]).toMatch(/already behind us/);

    const answer = button(q2, 'Correctness over speed');
    const elsewhere = { ...teamChannel, channelId: 'C_OTHER' };
    const foreign = await exchange(bot, presses(bob, answer.action, answer.value, elsewhere));
    expect(foreign[0]?.sections[0]).toMatch(/no longer running/);
    const otherWorkspace = { ...teamChannel, workspaceId: 'T_OTHER' };
    expect((await exchange(bot, presses(bob, answer.action, answer.value, otherWorkspace)))[0]?.sections[0]).toMatch(/no longer running/);

    for (const value of ['', 'x', `${answer.value}:extra`, 'zzzzzz:1:critical', '../../etc', '{"json":true}', 'a'.repeat(5000)]) {
      const [reply] = await exchange(bot, presses(bob, 'checklist.answer', value));
      expect(reply?.ephemeral).toBe(true);
    }
    const [unknown] = await exchange(bot, presses(bob, 'checklist.nope', 'x'));
    expect(unknown?.sections[0]).toMatch(/don't recognise that button/);

    const [current] = await exchange(bot, says(carol, 'checklist'));
    expect(current?.title).toContain('(2 of 7)');
    expect(current?.sections.join(' ')).toContain('No answers yet');
  });

  it('GIVEN a session THEN only its starter or an admin may cancel or restart it', async () => {
    const bot = await testBot();
    await exchange(bot, says(alice, 'checklist'));
    const [denied] = await exchange(bot, says(bob, 'checklist cancel'));
    expect(denied).toMatchObject({ ephemeral: true });
    expect(denied?.sections[0]).toMatch(/Only the person who started/);
    const [deniedRestart] = await exchange(bot, says(bob, 'checklist restart'));
    expect(deniedRestart?.sections[0]).toMatch(/Only the person who started/);
    const [ok] = await exchange(bot, says(admin, 'checklist cancel'));
    expect(ok?.sections[0]).toMatch(/cancelled/);
    const [none] = await exchange(bot, says(alice, 'checklist cancel'));
    expect(none?.sections[0]).toMatch(/no checklist running/);
  });

  it('GIVEN a thread THEN it has its own session, apart from the channel', async () => {
    const bot = await testBot();
    let [channelQ] = await exchange(bot, says(alice, 'checklist'));
    [channelQ] = await press(bot, alice, channelQ, 'Critical, every ms counts');
    await press(bot, alice, channelQ, 'Next');
    const thread = { ...teamChannel, threadId: '1700000000.000100' };
    const [threadQ] = await exchange(bot, says(alice, 'checklist', thread));
    expect(threadQ?.title).toContain('(1 of 7)');
  });
});

describe('solo checklist in a direct message', () => {
  it('GIVEN a Go team that wants rapid delivery of I/O-bound work THEN each answer moves on and Go wins', async () => {
    const bot = await testBot();
    let [q] = await exchange(bot, says(alice, 'checklist', directChat));
    expect(q?.buttons?.some((b) => b.label === 'Next')).toBe(false);
    for (const label of ['Good enough is fine', 'Yes, speed of delivery first', 'Mostly Go', "Go's cover it, Rust's don't", 'I/O-bound (APIs, DB calls)', 'Small pauses are fine', 'No, servers or containers']) {
      [q] = await press(bot, alice, q, label, directChat);
    }
    expect(q?.title).toBe('Recommendation: Go');
  });
});

describe('state', () => {
  it('GIVEN a SQLite file THEN progress survives closing and reopening the store', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rustgo-')), 'state.sqlite');
    const first = await testBot({ store: await openStore({ kind: 'sqlite', path }, { logger: silentLogger() }) });
    let [q] = await exchange(first, says(alice, 'checklist'));
    [q] = await press(first, bob, q, 'Critical, every ms counts');
    [q] = await press(first, alice, q, 'Next');
    await first.store.close();

    const second = await testBot({ store: await openStore({ kind: 'sqlite', path }, { logger: silentLogger() }) });
    const [resumed] = await exchange(second, says(carol, 'checklist'));
    expect(resumed?.title).toContain('(2 of 7)');
    const [answered] = await press(second, carol, resumed, 'Correctness over speed');
    expect(answered?.sections.join(' ')).toContain('1 person (Carol)');
    await second.store.close();
  });

  it('GIVEN a corrupt session record THEN the user is told, and restart keeps a backup before replacing it', async () => {
    const bot = await testBot();
    const key = 'slack:T1:C1';
    await bot.store.set('sessions', key, { v: 1, id: 'abcdef', mode: 'team', step: 'three' });
    const [damaged] = await exchange(bot, says(alice, 'checklist'));
    expect(damaged?.sections[0]).toMatch(/damaged \(.+: .+\).*checklist restart/);
    expect(await bot.store.get('sessions', key)).toMatchObject({ step: 'three' });

    const [restarted] = await exchange(bot, says(alice, 'checklist restart'));
    expect(restarted?.title).toContain('(1 of 7)');
    expect(await bot.store.get('sessions', key)).toMatchObject({ v: 1, step: 0 });
  });

  it('GIVEN the same event delivered twice THEN it is answered once', async () => {
    const bot = await testBot();
    // Events are what platforms redeliver; commands and presses are not claimed (see bot.ts).
    const event = { ...says(alice, 'help'), kind: 'mention' as const };
    expect(await exchange(bot, event)).toHaveLength(1);
    expect(await exchange(bot, event)).toHaveLength(0);
  });

  it('GIVEN text over 4,000 characters THEN a clear reply and nothing stored', async () => {
    const bot = await testBot();
    const [reply] = await exchange(bot, says(alice, `checklist ${'x'.repeat(4_000)}`));
    expect(reply?.sections[0]).toMatch(/4,010 characters long; I read up to 4,000/);
    expect(await bot.store.get('sessions', 'slack:T1:C1')).toBeUndefined();
  });

  it('GIVEN a store that fails THEN the user hears a friendly retry message and nothing throws', async () => {
    const store = await openStore({ kind: 'memory' }, { logger: silentLogger() });
    const broken = { ...store, claim: async () => Promise.reject(new (await import('../../src/errors.js')).StoreUnavailableError('down')) };
    const bot = await testBot({ store: broken });
    // A mention: events are claimed for dedupe first (commands are not, see bot.ts).
    const [reply] = await exchange(bot, { ...says(alice, 'checklist'), kind: 'mention' });
    expect(reply?.sections[0]).toMatch(/can't reach my memory right now/);
  });
});
