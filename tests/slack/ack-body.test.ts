import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ackBody, ackJson } from '../../adapters/slack/ack-body.js';
import { blocksJsonOf, LIMITS, renderReply } from '../../adapters/slack/render.js';
import type { Reply } from '../../src/core/messages.js';
import { timeToken } from '../../src/core/messages.js';
import { TRIMMED_NOTE } from '../../src/core/notices.js';

/** Issue 13: a reply's ack body is serialised once, and the text written is exactly what JSON.stringify would give. */

const answerLike: Reply = {
  title: 'Go’s GC and "latency"',
  sections: ['**Short answer:** pauses are <1 ms & rarely matter.\n• one\n• two\ttabbed', `Closes ${timeToken(1_800_000_000_000)}`],
  context: 'Sources: the article \\ docs',
  buttons: [{ label: 'Helpful', action: 'knowledge.feedback', value: 'go-gc:up', style: 'primary' }],
};
const huge: Reply = { title: 'Big', sections: Array.from({ length: 80 }, (_, i) => `${i} ${'word '.repeat(500)}`) };

describe('GIVEN a reply that goes into a slash command ack', () => {
  it.each([
    ['an answer with quotes, escapes, tabs, a time and buttons', answerLike],
    ['a reply with control characters and emoji', { sections: ['a\u0007b 🦀 \ud83e'], ephemeral: true }],
    ['a reply too big to keep whole', huge],
  ])('WHEN it is %s THEN the kept JSON text is what JSON.stringify gives for the body', (_, reply) => {
    const body = ackBody(reply);
    expect(ackJson(body)).toBe(JSON.stringify(body));
    expect(JSON.parse(ackJson(body))).toEqual({ response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', ...renderReply(reply) });
  });

  it('WHEN the reply is frozen THEN its body is built once and shared; otherwise each ack gets its own', () => {
    const frozen = Object.freeze({ sections: Object.freeze(['help']), ephemeral: true });
    expect(ackBody(frozen)).toBe(ackBody(frozen));
    expect(Object.isFrozen(ackBody(frozen))).toBe(true);
    const plain: Reply = { sections: ['answer'] };
    expect(ackBody(plain)).not.toBe(ackBody(plain));
  });
});

describe('GIVEN renderReply measuring blocks in one serialisation', () => {
  it('WHEN a reply fits THEN the kept blocks JSON is the blocks serialised, and spreading the message drops it', () => {
    const message = renderReply(answerLike);
    expect(blocksJsonOf(message)).toBe(JSON.stringify(message.blocks));
    expect(Object.keys({ ...message })).toEqual(['text', 'blocks']);
  });

  it('WHEN sections of any length come THEN blocks stay within the budget, and nothing is cut without the note', () => {
    const sizeOf = (blocks: unknown[]) => blocks.reduce<number>((n, b) => n + JSON.stringify(b).length + 1, 0);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4_000 }), { minLength: 1, maxLength: 60 }), fc.boolean(), (lengths, titled) => {
        const sections = lengths.map((n, i) => `${i}:${'x'.repeat(n)}`);
        const message = renderReply({ ...(titled ? { title: 'T' } : {}), sections, context: 'c' });
        expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
        expect(sizeOf(message.blocks)).toBeLessThanOrEqual(LIMITS.blocksJson);
        const text = JSON.stringify(message.blocks);
        if (!text.includes(TRIMMED_NOTE)) for (const s of sections) expect(text).toContain(s.slice(0, 2_900));
      }),
      { numRuns: 150 },
    );
  });
});
