import { describe, expect, it } from 'vitest';
import { decodeActionId, encodeActionId, escapeText, LIMITS, renderReply, splitText, toMrkdwn } from '../../adapters/slack/render.js';
import { TRIMMED_NOTE } from '../../src/core/notices.js';

type AnyBlock = { type: string; text?: { type: string; text: string }; elements?: Array<Record<string, unknown>> };
const blocksOf = (r: ReturnType<typeof renderReply>) => r.blocks as AnyBlock[];

describe('Slack rendering', () => {
  it('escapes &, < and > so broadcasts and pings cannot form', () => {
    expect(escapeText('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });

  it('turns **bold** into *bold* and keeps _italic_, `code` and bullets', () => {
    expect(toMrkdwn('**Why** _now_ `x`\n• one')).toBe('*Why* _now_ `x`\n• one');
  });

  it('renders title, sections, context and buttons as header, sections, context and actions', () => {
    const r = renderReply({
      title: 'T',
      sections: ['**A**', 'B'],
      context: 'src',
      buttons: [
        { label: 'Go', action: 'checklist.answer', value: 'abcd:0:go', style: 'primary' },
        { label: 'Rust', action: 'checklist.answer', value: 'abcd:0:rust' },
      ],
    });
    expect(blocksOf(r).map((b) => b.type)).toEqual(['header', 'section', 'section', 'context', 'actions']);
    const [go, rust] = blocksOf(r)[4]?.elements ?? [];
    expect(go).toMatchObject({ action_id: 'checklist.answer#0', value: 'abcd:0:go', style: 'primary' });
    expect(rust).toMatchObject({ action_id: 'checklist.answer#1', value: 'abcd:0:rust' });
    expect(rust).not.toHaveProperty('style');
    expect(r.text).toBe('T\nA\nB');
  });

  it('action ids are unique per block and decode back to the action', () => {
    expect(decodeActionId(encodeActionId('poll.vote', 3))).toBe('poll.vote');
    expect(encodeActionId('x'.repeat(400), 12).length).toBeLessThanOrEqual(LIMITS.actionId);
  });

  it('escapes every text field, header and button labels included', () => {
    const evil = '<!channel> <!here> <@U123>';
    const r = renderReply({ title: evil, sections: [evil], context: evil, buttons: [{ label: evil, action: 'a', value: 'v' }] });
    const json = JSON.stringify(r);
    expect(json).not.toMatch(/<!|<@/);
    expect(json).toContain('&lt;!channel&gt;');
  });

  it('splits a long section at line boundaries under 3,000 characters', () => {
    const line = 'x'.repeat(99);
    const pieces = splitText(Array.from({ length: 70 }, () => line).join('\n'), LIMITS.sectionText);
    expect(pieces.length).toBe(3);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(p.startsWith('x') && p.endsWith('x')).toBe(true);
    }
    expect(splitText('y'.repeat(7_000), 3_000).map((p) => p.length)).toEqual([3_000, 3_000, 1_000]);
  });

  it('keeps a huge reply within 50 blocks and the size budget, with a note saying it was shortened', () => {
    const r = renderReply({
      title: 'Big',
      sections: Array.from({ length: 80 }, (_, i) => `${i} ${'word '.repeat(500)}`),
      buttons: Array.from({ length: 30 }, (_, i) => ({ label: `B${i}`, action: 'poll.vote', value: String(i) })),
    });
    const blocks = blocksOf(r);
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(LIMITS.blocksJson + 200);
    expect(JSON.stringify(blocks)).toContain(TRIMMED_NOTE);
    const actions = blocks.filter((b) => b.type === 'actions');
    expect(actions.map((a) => a.elements?.length)).toEqual([25, 5]);
    for (const b of blocks) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(r.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('trims labels and titles to Slack limits and leaves out a button whose value cannot fit', () => {
    const r = renderReply({
      title: 't'.repeat(300),
      sections: [],
      buttons: [
        { label: 'l'.repeat(200), action: 'a', value: 'ok' },
        { label: 'too big', action: 'a', value: 'v'.repeat(2_001) },
      ],
    });
    const [header, actions] = blocksOf(r);
    expect(header?.text?.text.length).toBe(LIMITS.headerText);
    expect(actions?.elements).toHaveLength(1);
    expect((actions?.elements?.[0]?.text as { text: string }).text.length).toBe(LIMITS.buttonText);
  });

  it('always has a non-empty text fallback', () => {
    expect(renderReply({ sections: [] }).text.trim()).not.toBe('');
  });
});
