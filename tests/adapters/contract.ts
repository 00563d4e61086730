import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/messages.js';
import { replyVariants } from './contract-replies.js';
import { eventually, placeOf, type Capability, type ContractHarness, type Observed, type Place, type Where } from './harness.js';

/**
 * The contract every chat adapter passes, the same way: its own and other bots' messages are
 * ignored, conversation refs round-trip (replies, outbox posts and edits land where they belong),
 * every Incoming carries a stable event id, each Reply variant renders and arrives within the
 * platform's limits, and user text never becomes a ping. What a platform cannot do is a named
 * capability of its harness, and the contract then checks the documented fallback instead.
 */
export function adapterContract(name: string, makeHarness: () => Promise<ContractHarness>): void {
  describe(`${name} adapter contract`, () => {
    let h: ContractHarness;
    let seq = 0;
    /** A word no other test uses, to find this test's messages. */
    const marker = (what: string) => `${what}${++seq}x${Date.now().toString(36)}`;
    const reason = (c: Capability) => (c === true ? 'supported' : `not supported: ${c.unsupported}`);
    const firstPlace = (): Place => h.capabilities.messagePlaces.find((p) => p !== 'direct') ?? 'direct';

    /** Delivers, waits for the handler to finish answering, and returns what it got and sent. */
    async function exchange(text: string, place: Place, replies: readonly Reply[], via: 'message' | 'command' = 'message') {
      h.handler.script = () => replies;
      const mark = h.handler.handled.length;
      const received = h.watch();
      const delivery = await h.deliver({ text, place, via });
      const handled = await h.handler.next(mark);
      expect(handled.error).toBeUndefined();
      return { delivery, handled, received };
    }

    function expectLandedAt(observed: Observed, where: Where): void {
      expect(placeOf(observed.where)).toEqual(placeOf(where));
    }

    function expectWithinLimits(observed: readonly Observed[]): void {
      for (const o of observed) expect(o.violations, o.text.slice(0, 80)).toEqual([]);
    }

    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => h?.close());
    beforeEach(() => {
      h.handler.script = () => [];
    });
    afterEach(() => {
      for (const { incoming, error } of h.handler.handled) {
        expect(incoming.eventId, 'every Incoming has an event id').toMatch(/\S/);
        expect(incoming.sender.id, 'every Incoming names its sender').toMatch(/\S/);
        expect(error).toBeUndefined();
      }
    });

    describe('conversation refs round-trip', () => {
      it('GIVEN a person’s message in each place THEN the Incoming names that place and the reply lands there', async () => {
        for (const place of h.capabilities.messagePlaces) {
          const word = marker(place);
          const { delivery, handled, received } = await exchange(`hello ${word}`, place, [{ sections: [`re ${word}`] }]);
          expect(handled.incoming.kind).toBe(place === 'direct' ? 'direct' : 'mention');
          expect(handled.incoming.text).toBe(`hello ${word}`);
          expect(placeOf(handled.incoming.conversation)).toEqual(placeOf(delivery.where));
          const reply = await eventually(received, (o) => o.text.includes(`re ${word}`), `the reply in the ${place}`);
          expectLandedAt(reply, delivery.where);
        }
      });

      it('GIVEN a slash command in each place it exists THEN the Incoming names that place and the reply lands there', async () => {
        for (const place of h.capabilities.commandPlaces) {
          const word = marker(`cmd${place}`);
          const { delivery, handled, received } = await exchange(`ask ${word}`, place, [{ sections: [`re ${word}`] }], 'command');
          expect(handled.incoming).toMatchObject({ kind: 'command', text: `ask ${word}` });
          expect(placeOf(handled.incoming.conversation)).toEqual(placeOf(delivery.where));
          expectLandedAt(await eventually(received, (o) => o.text.includes(`re ${word}`), `the command reply in the ${place}`), delivery.where);
        }
      });

      it('GIVEN a handle returned by send THEN outbox.update edits that very message', async () => {
        const word = marker('edit');
        const { delivery, handled, received } = await exchange(word, firstPlace(), [{ sections: [`first ${word}`] }]);
        const handle = handled.handles[0];
        expect(handle?.messageId).toMatch(/\S/);
        expect(placeOf(handle!.conversation)).toEqual(placeOf(handled.incoming.conversation));
        const posted = await eventually(received, (o) => o.text.includes(`first ${word}`), 'the first version');
        await h.outbox.update(handle!, { sections: [`second ${word}`] });
        const edit = await eventually(received, (o) => o.text.includes(`second ${word}`), 'the second version');
        if (h.capabilities.editsInPlace === true) {
          expect(posted.messageId).toBe(handle!.messageId);
          expect(edit.edits).toBe(handle!.messageId);
        } else {
          expect(edit.edits, reason(h.capabilities.editsInPlace)).toBeUndefined();
        }
        expectLandedAt(edit, delivery.where);
      });

      it('GIVEN a conversation from each place THEN outbox.post lands there without an incoming event', async () => {
        for (const place of h.capabilities.messagePlaces) {
          const { handled, delivery } = await exchange(marker('outbox'), place, []);
          const word = marker('posted');
          const received = h.watch();
          const handle = await h.outbox.post(handled.incoming.conversation, { sections: [`deadline ${word}`] });
          expect(handle?.messageId).toMatch(/\S/);
          expectLandedAt(await eventually(received, (o) => o.text.includes(word), `the outbox post in the ${place}`), delivery.where);
        }
      });

      it('GIVEN a conversation THEN its workspace is the team or guild it came from (workspaces)', async () => {
        const { handled } = await exchange(marker('ws'), firstPlace(), []);
        if (h.capabilities.workspaces === true) expect(handled.incoming.conversation.workspaceId).not.toBe('local');
        else expect(handled.incoming.conversation.workspaceId, reason(h.capabilities.workspaces)).toBe('local');
      });
    });

    describe('own and other bots’ messages are ignored', () => {
      it('GIVEN the bot’s own message and another bot’s in each place THEN neither reaches the handler', async () => {
        if (h.capabilities.foreignAuthors !== true) {
          expect(h.deliverFromBot, reason(h.capabilities.foreignAuthors)).toBeUndefined();
          return;
        }
        for (const place of h.capabilities.messagePlaces) {
          const mark = h.handler.handled.length;
          await h.deliverFromBot!('self', 'help', place);
          await h.deliverFromBot!('other bot', 'help', place);
          const word = marker('after-bots');
          await h.deliver({ text: word, place, via: 'message' });
          const next = await h.handler.next(mark);
          expect(next.incoming.text, `only the person's message in the ${place}`).toBe(word);
          await h.idle();
          expect(h.handler.handled.length - mark).toBe(1);
        }
      });
    });

    describe('event ids', () => {
      it(`GIVEN the same platform delivery twice THEN the handler sees one event id for it (redelivery)`, async () => {
        if (h.capabilities.redelivery !== true) {
          const { delivery } = await exchange(marker('once'), firstPlace(), []);
          expect(delivery.redeliver, reason(h.capabilities.redelivery)).toBeUndefined();
          return;
        }
        const vias = h.capabilities.commandPlaces.length > 0 ? (['message', 'command'] as const) : (['message'] as const);
        for (const via of vias) {
          const word = marker(`again-${via}`);
          const place = via === 'command' ? h.capabilities.commandPlaces[0]! : firstPlace();
          const { delivery, handled } = await exchange(word, place, [], via);
          await delivery.redeliver!();
          await h.idle();
          const same = h.handler.seen.filter((i) => i.text === word);
          expect(same.length).toBeGreaterThanOrEqual(1);
          expect(same.length).toBeLessThanOrEqual(2);
          expect(new Set(same.map((i) => i.eventId))).toEqual(new Set([handled.incoming.eventId]));
        }
      });

      it('GIVEN the same button press delivered twice THEN the handler sees one event id for it (redelivery)', async () => {
        const word = marker('press-again');
        const { received } = await exchange(word, firstPlace(), [{ sections: [`Press ${word}`], buttons: [{ label: 'Once', action: 'poll.vote', value: word }] }]);
        const message = await eventually(received, (o) => o.text.includes(`Press ${word}`), 'the message with a button');
        h.handler.script = () => [];
        const mark = h.handler.handled.length;
        const press = await h.press(message, 'Once');
        const first = await h.handler.next(mark);
        if (h.capabilities.redelivery !== true) {
          expect(press.redeliver, reason(h.capabilities.redelivery)).toBeUndefined();
          return;
        }
        await press.redeliver!();
        await h.idle();
        const presses = h.handler.seen.filter((i) => i.button?.value === word);
        expect(presses.length).toBeLessThanOrEqual(2);
        expect(new Set(presses.map((i) => i.eventId))).toEqual(new Set([first.incoming.eventId]));
      });

      it('GIVEN two deliveries with the same text THEN their event ids differ', async () => {
        const word = marker('twice');
        const first = await exchange(word, firstPlace(), []);
        const second = await exchange(word, firstPlace(), []);
        expect(second.handled.incoming.eventId).not.toBe(first.handled.incoming.eventId);
      });
    });

    replyVariants({ harness: () => h, marker, firstPlace, exchange, expectLandedAt, expectWithinLimits, reason });
  });
}
