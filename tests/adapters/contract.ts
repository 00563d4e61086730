import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/messages.js';
import { eventually, placeOf, settle, type Capability, type ContractHarness, type Observed, type Place, type Where } from './harness.js';

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
        expect(h.capabilities.commandPlaces.every((p) => h.capabilities.messagePlaces.includes(p) || p !== 'direct')).toBe(true);
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

      it(`GIVEN conversations in a workspace THEN the workspace id is carried (${'workspaces'})`, async () => {
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
          await settle();
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
          await settle(300);
          const same = h.handler.seen.filter((i) => i.text === word);
          expect(same.length).toBeGreaterThanOrEqual(1);
          expect(same.length).toBeLessThanOrEqual(2);
          expect(new Set(same.map((i) => i.eventId))).toEqual(new Set([handled.incoming.eventId]));
        }
      });

      it('GIVEN two deliveries with the same text THEN their event ids differ', async () => {
        const word = marker('twice');
        const first = await exchange(word, firstPlace(), []);
        const second = await exchange(word, firstPlace(), []);
        expect(second.handled.incoming.eventId).not.toBe(first.handled.incoming.eventId);
      });
    });

    replyVariants(() => h, marker, firstPlace, exchange, expectLandedAt, expectWithinLimits, reason);
  });
}

type Exchange = (
  text: string,
  place: Place,
  replies: readonly Reply[],
  via?: 'message' | 'command',
) => Promise<{ delivery: { where: Where }; handled: { incoming: import('../../src/core/messages.js').Incoming; handles: readonly (import('../../src/core/messages.js').MessageHandle | undefined)[] }; received: () => readonly Observed[] }>;

/** Each Reply variant renders, arrives where it should and stays within the platform's limits. */
function replyVariants(
  harness: () => ContractHarness,
  marker: (what: string) => string,
  firstPlace: () => Place,
  exchange: Exchange,
  expectLandedAt: (o: Observed, w: Where) => void,
  expectWithinLimits: (o: readonly Observed[]) => void,
  reason: (c: Capability) => string,
): void {
  describe('each Reply variant renders and arrives', () => {
    it('GIVEN a title, sections and context THEN all three are visible in one message', async () => {
      const w = marker('rich');
      const { delivery, received } = await exchange(w, firstPlace(), [{ title: `Title ${w}`, sections: [`One ${w}`, `Two ${w}`], context: `Source ${w}` }]);
      const message = await eventually(received, (o) => o.text.includes(`Title ${w}`), 'the titled reply');
      for (const part of [`One ${w}`, `Two ${w}`, `Source ${w}`]) expect(message.text).toContain(part);
      expectLandedAt(message, delivery.where);
      expectWithinLimits(received());
    });

    it('GIVEN buttons THEN they arrive, and pressing one brings back the same action and value from the same place', async () => {
      const h = harness();
      const place = h.capabilities.messagePlaces.includes('thread') ? 'thread' : firstPlace();
      const w = marker('buttons');
      const buttons = [
        { label: 'Rust', action: 'poll.vote', value: `${w}:rust`, style: 'primary' as const },
        { label: 'Go', action: 'poll.vote', value: `${w}:go` },
        { label: 'Close', action: 'poll.close', value: w, style: 'danger' as const },
      ];
      const { delivery, received } = await exchange(w, place, [{ sections: [`Vote ${w}`], buttons }]);
      const message = await eventually(received, (o) => o.text.includes(`Vote ${w}`), 'the message with buttons');
      expect(message.buttons).toEqual(['Rust', 'Go', 'Close']);
      for (const [i, label] of ['Go', 'Close'].entries()) {
        const mark = h.handler.handled.length;
        const press = await h.press(message, label, 2);
        const { incoming } = await h.handler.next(mark);
        expect(incoming).toMatchObject({ kind: 'button', text: '', button: { action: buttons[i + 1]!.action, value: buttons[i + 1]!.value } });
        expect(placeOf(incoming.conversation)).toEqual(placeOf(delivery.where));
        expect(placeOf(press.where)).toEqual(placeOf(delivery.where));
      }
    });

    it('GIVEN a file THEN it arrives with its name and content in the same place', async () => {
      const w = marker('file');
      const content = `# Decision ${w}\nGo.\n`;
      const { delivery, received } = await exchange(w, firstPlace(), [{ sections: [`Record ${w}`], files: [{ name: 'decision.md', mimeType: 'text/markdown', content }] }]);
      const withFile = await eventually(received, (o) => o.files.some((f) => f.name === 'decision.md' && f.content.includes(content)), 'the file');
      expectLandedAt(withFile, delivery.where);
    });

    it('GIVEN an ephemeral reply to a command THEN only the asker sees it, and send returns no handle', async () => {
      const h = harness();
      const via = h.capabilities.commandPlaces.length > 0 ? 'command' : 'message';
      const place = via === 'command' ? h.capabilities.commandPlaces[0]! : firstPlace();
      const w = marker('private');
      const { delivery, handled, received } = await exchange(w, place, [{ sections: [`Only you ${w}`], ephemeral: true }], via);
      const message = await eventually(received, (o) => o.text.includes(`Only you ${w}`), 'the ephemeral reply');
      expect(message.ephemeral).toBe(true);
      expect(handled.handles[0]).toBeUndefined();
      expectLandedAt(message, delivery.where);
    });

    it('GIVEN an ephemeral reply to a mention in a channel THEN it is private, or visible where the platform cannot (ephemeralMessageReplies)', async () => {
      const h = harness();
      const place = firstPlace();
      const w = marker('mention-private');
      const { delivery, received } = await exchange(w, place, [{ sections: [`Quietly ${w}`], ephemeral: true }]);
      const message = await eventually(received, (o) => o.text.includes(`Quietly ${w}`), 'the reply');
      expect(message.ephemeral, reason(h.capabilities.ephemeralMessageReplies)).toBe(h.capabilities.ephemeralMessageReplies === true);
      expectLandedAt(message, delivery.where);
    });

    it('GIVEN replaceOriginal on a button press THEN the pressed message is replaced (editsInPlace)', async () => {
      const h = harness();
      const w = marker('replace');
      const { received } = await exchange(w, firstPlace(), [{ sections: [`Pick ${w}`], buttons: [{ label: 'Pick', action: 'checklist.answer', value: w }] }]);
      const message = await eventually(received, (o) => o.text.includes(`Pick ${w}`), 'the message to replace');
      h.handler.script = (i) => (i.kind === 'button' ? [{ sections: [`Picked ${w}`], replaceOriginal: true }] : []);
      const mark = h.handler.handled.length;
      await h.press(message, 'Pick');
      await h.handler.next(mark);
      const replaced = await eventually(received, (o) => o.text.includes(`Picked ${w}`), 'the replacement');
      if (h.capabilities.editsInPlace === true) expect(replaced.edits).toBe(message.messageId);
      else expect(replaced.edits, reason(h.capabilities.editsInPlace)).toBeUndefined();
      expect(placeOf(replaced.where)).toEqual(placeOf(message.where));
    });

    it('GIVEN a very long reply THEN it arrives trimmed or split, within every platform limit', async () => {
      const w = marker('long');
      const sections = Array.from({ length: 40 }, (_, i) => `[${w}-${i}] ${'lorem ipsum '.repeat(125)}`);
      sections.push(`[${w}-big] ${'x'.repeat(12_000)}`, `[${w}-end]`);
      const { delivery, received } = await exchange(w, firstPlace(), [{ title: `Long ${w}`, sections }]);
      await eventually(received, (o) => o.text.includes(`[${w}-0]`), 'the start of the long reply');
      await settle();
      const parts = received().filter((o) => o.text.includes(w));
      expectWithinLimits(parts);
      for (const part of parts) expectLandedAt(part, delivery.where);
      const all = parts.map((o) => o.text).join('\n');
      expect(all.includes(`[${w}-end]`) || all.includes('…'), 'either all of it arrived or it says it was cut').toBe(true);
    });

    it('GIVEN user text with broadcast and user mentions THEN nothing the bot sends pings anyone', async () => {
      const h = harness();
      h.handler.script = (i) => [{ title: i.text, sections: [`You said: ${i.text}`], context: i.text, buttons: [{ label: i.text.slice(0, 70), action: 'echo', value: 'x' }] }];
      for (const place of h.capabilities.messagePlaces) {
        const received = h.watch();
        const mark = h.handler.handled.length;
        await h.deliver({ text: `${h.pingText} ${marker('ping')}`, place, via: 'message' });
        await h.handler.next(mark);
        await eventually(received, (o) => o.text.includes('You said:'), `the echo in the ${place}`);
        for (const o of received()) expect(o.pings, o.text.slice(0, 120)).toEqual([]);
      }
    });
  });
}
