import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/messages.js';
import { eventually, placeOf, type Capability, type ContractHarness, type Delivery, type Handled, type Observed, type Place, type Where } from './harness.js';

/** What the contract's parts share: the harness and a few helpers bound to it. */
export interface ContractContext {
  harness: () => ContractHarness;
  /** A word no other test uses, to find this test's messages. */
  marker: (what: string) => string;
  /** The first place that is not a DM (a DM where there is nothing else). */
  firstPlace: () => Place;
  /** Delivers, waits until the handler has answered with `replies`, and returns what it got and what was sent. */
  exchange: (
    text: string,
    place: Place,
    replies: readonly Reply[],
    via?: 'message' | 'command',
  ) => Promise<{ delivery: Delivery; handled: Handled; received: () => readonly Observed[] }>;
  expectLandedAt: (observed: Observed, where: Where) => void;
  expectWithinLimits: (observed: readonly Observed[]) => void;
  /** The capability's reason, for assertion messages. */
  reason: (capability: Capability) => string;
}

/** Each Reply variant renders, arrives where it should and stays within the platform's limits. */
export function replyVariants({ harness, marker, firstPlace, exchange, expectLandedAt, expectWithinLimits, reason }: ContractContext): void {
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
      await harness().idle();
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
