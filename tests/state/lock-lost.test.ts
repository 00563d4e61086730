import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/messages.js';
import { silentLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/state/store.js';
import { button, exchange, testBot } from '../helpers/core.js';
import { alice, bob, presses, says } from '../helpers/fake-chat.js';

/**
 * Two cores on one Redis namespace, as two processes would be. Alice's vote freezes its process
 * (the event loop blocked, lock renewals too) right after reading the poll; meanwhile Bob's vote,
 * on the other process, takes the expired lock and is saved. Alice's late write must be refused and
 * Alice told, not Bob's vote overwritten.
 */
const redisUrl = process.env.REDIS_URL;
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe.skipIf(!redisUrl)('a vote whose process froze past its lock', () => {
  it('GIVEN a frozen voter and a vote meanwhile on the other process THEN the frozen vote is refused with a reply and the other stands', async () => {
    const options = { logger: silentLogger(), namespace: `t${randomUUID().slice(0, 8)}`, lockTtlMs: 150 };
    const [mine, theirs] = [await openStore({ kind: 'redis', url: redisUrl! }, options), await openStore({ kind: 'redis', url: redisUrl! }, options)];
    opened.push(mine, theirs);
    const other = await testBot({ store: theirs });
    let freezeNext = false;
    const freezing: Store = {
      ...mine,
      async get(ns, key) {
        const value = await mine.get(ns, key);
        if (ns === 'polls' && freezeNext) {
          freezeNext = false;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
          const [told] = await exchange(other, presses(bob, go.action, go.value));
          expect(told?.sections[0]).toBe('You voted Go.');
        }
        return value;
      },
    };
    const frozen = await testBot({ store: freezing });
    const [poll] = (await exchange(frozen, says(alice, 'poll Rust or Go? | Rust | Go'))) as [Reply];
    const [rust, go] = [button(poll, 'Rust'), button(poll, 'Go')];

    freezeNext = true;
    const [reply] = await exchange(frozen, presses(alice, rust.action, rust.value));
    expect(reply?.sections[0]).toMatch(/did not save yours\. Please try again\./);

    const [results] = await exchange(other, says(bob, 'results'));
    const shown = results?.sections.join('\n') ?? '';
    expect(shown).toContain('**Total: 1**');
    expect(shown).toContain('**Go**: 1');
  });
});
