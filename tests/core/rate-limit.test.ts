import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/core/messages.js';
import type { Store } from '../../src/state/store.js';
import { RATE_CHECK_DEADLINE_MS } from '../../src/core/rate-limit.js';
import { exchange, testBot } from '../helpers/core.js';
import { alice, bob, presses, says } from '../helpers/fake-chat.js';
import { capturingLogger } from '../helpers/logs.js';

const slowDown = /going a bit fast/;
const terminal: Conversation = { platform: 'console', workspaceId: 'local', channelId: 'terminal', isDirect: true };

describe('rate limit', () => {
  it('GIVEN 100 commands from one user at once THEN 20 answers, one slow-down reply, the rest dropped; others unaffected', async () => {
    const bot = await testBot();
    const replies = [];
    for (let i = 0; i < 100; i++) replies.push(...(await exchange(bot, says(alice, 'help'))));
    const slowDowns = replies.filter((r) => slowDown.test(r.sections[0] ?? ''));
    expect(slowDowns).toHaveLength(1);
    expect(slowDowns[0]?.ephemeral).toBe(true);
    expect(replies.filter((r) => r.title === 'RustGo: Rust or Go?')).toHaveLength(20);
    const [other] = await exchange(bot, says(bob, 'help'));
    expect(other?.title).toBe('RustGo: Rust or Go?');
  });

  it('GIVEN the window has passed THEN the user is answered again', async () => {
    const bot = await testBot({ rateLimitPerMinute: 2, rateWindowMs: 1_000 });
    const first = await Promise.all([1, 2, 3].map(() => exchange(bot, says(alice, 'help'))));
    expect(first.flat().map((r) => (slowDown.test(r.sections[0] ?? '') ? 'slow' : 'answer'))).toEqual(['answer', 'answer', 'slow']);
    // The window is a real second: ask every 10 ms until answered (asks meanwhile are dropped unanswered), within 2.5 s.
    const asked = Date.now();
    let later: Awaited<ReturnType<typeof exchange>>[number] | undefined;
    while (!later && Date.now() - asked < 2_500) {
      await new Promise((r) => setTimeout(r, 10));
      [later] = await exchange(bot, says(alice, 'help'));
    }
    expect(later?.title).toBe('RustGo: Rust or Go?');
  });

  it('GIVEN a fast voter pressing 60 buttons at once THEN none is limited', async () => {
    const bot = await testBot();
    const replies = await Promise.all(Array.from({ length: 60 }, () => exchange(bot, presses(alice, 'checklist.next', 'abcdef:0'))));
    expect(replies.flat().filter((r) => slowDown.test(r.sections[0] ?? ''))).toEqual([]);
  });

  it('GIVEN the terminal THEN 500 questions get 500 answers', async () => {
    const bot = await testBot();
    const replies = [];
    for (let i = 0; i < 500; i++) replies.push(...(await exchange(bot, says(alice, 'ask is Go garbage collected?', terminal))));
    expect(replies).toHaveLength(500);
    expect(replies.filter((r) => slowDown.test(r.sections[0] ?? ''))).toEqual([]);
  }, 30_000);

  it('GIVEN a store whose counter does not answer THEN commands go through and one warning is logged', async () => {
    const base = await testBot();
    const { logger, lines } = capturingLogger();
    const hanging: Store = { ...base.store, rateCounter: () => ({ hit: () => new Promise<number>(() => {}) }) };
    const bot = await testBot({ store: hanging, logger, rateLimitPerMinute: 1 });
    const started = Date.now();
    const replies = await Promise.all([1, 2, 3].map(() => exchange(bot, says(alice, 'help'))));
    // Each waits out the deadline once, side by side: well under two deadlines in all.
    expect(Date.now() - started).toBeLessThan(RATE_CHECK_DEADLINE_MS * 1.5);
    expect(replies.flat().map((r) => r.title)).toEqual(['RustGo: Rust or Go?', 'RustGo: Rust or Go?', 'RustGo: Rust or Go?']);
    expect(lines.filter((l) => l.includes('rate limit not checked'))).toHaveLength(1);
  });
});
