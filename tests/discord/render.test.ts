import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  decodeCustomId,
  encodeCustomId,
  messageOptions,
  renderReply,
} from '../../adapters/discord/render.js';
import type { Button, Reply } from '../../src/core/messages.js';
import { splitText, truncate } from '../../adapters/shared/text.js';

function embedChars(r: ReturnType<typeof renderReply>): number {
  return r.embeds.reduce(
    (n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0),
    0,
  );
}

describe('renderReply', () => {
  it('GIVEN a short untitled reply THEN it is plain content with context as small print', () => {
    const r = renderReply({ sections: ['Hello **there**', '• one\n• two'], context: 'Sources: docs' });
    expect(r.content).toBe('Hello **there**\n\n• one\n• two\n-# Sources: docs');
    expect(r.embeds).toEqual([]);
  });

  it('GIVEN a titled reply THEN it is an embed with the context as footer', () => {
    const r = renderReply({ title: 'Rust or Go?', sections: ['a', 'b'], context: 'small' });
    expect(r.content).toBe('');
    expect(r.embeds).toHaveLength(1);
    expect(r.embeds[0]).toMatchObject({ title: 'Rust or Go?', description: 'a\n\nb', footer: { text: 'small' } });
  });

  it('GIVEN an over-long title THEN it is trimmed to 256 characters with an ellipsis', () => {
    const r = renderReply({ title: 'x'.repeat(400), sections: ['a'] });
    expect(r.embeds[0]?.title).toHaveLength(LIMITS.embedTitle);
    expect(r.embeds[0]?.title?.endsWith('…')).toBe(true);
  });

  it('GIVEN untitled text over 2,000 characters THEN it moves to an embed', () => {
    const r = renderReply({ sections: ['word '.repeat(500)] });
    expect(r.content).toBe('');
    expect(r.embeds[0]?.description?.length).toBeLessThanOrEqual(LIMITS.embedDescription);
  });

  it('GIVEN 5,000 characters of lines THEN they are split over two embeds at a line break', () => {
    const line = `${'y'.repeat(99)}\n`;
    const r = renderReply({ title: 'T', sections: [line.repeat(50).trim()] });
    expect(r.embeds).toHaveLength(2);
    expect(r.embeds[0]?.description?.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(r.embeds[0]?.description?.endsWith('y')).toBe(true);
    expect(embedChars(r)).toBe(1 + 99 * 50 + 49 - 1);
  });

  it('GIVEN 20,000 characters THEN the message stays within 6,000 embed characters and ends with an ellipsis', () => {
    const r = renderReply({ title: 'T', sections: ['z '.repeat(10_000)], context: 'c'.repeat(3000) });
    expect(embedChars(r)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(r.embeds.at(-1)?.footer?.text).toHaveLength(LIMITS.embedFooter);
    expect(r.embeds.at(-1)?.description?.endsWith('…')).toBe(true);
  });

  it('GIVEN 12 buttons THEN they fill rows of at most 5 in order', () => {
    const buttons: Button[] = Array.from({ length: 12 }, (_, i) => ({ label: `B${i}`, action: 'a.b', value: String(i) }));
    const r = renderReply({ sections: ['pick'], buttons });
    expect(r.components.map((row) => row.components.length)).toEqual([5, 5, 2]);
    expect(r.components[2]?.components[1]?.custom_id).toBe('a.b|11');
  });

  it('GIVEN 30 buttons THEN 25 are kept (5 rows) and 5 reported dropped', () => {
    const buttons: Button[] = Array.from({ length: 30 }, (_, i) => ({ label: `B${i}`, action: 'x', value: String(i) }));
    const r = renderReply({ sections: ['pick'], buttons });
    expect(r.components).toHaveLength(LIMITS.rowsPerMessage);
    expect(r.droppedButtons).toBe(5);
  });

  it('GIVEN a long label, a repeated custom id and an over-long value THEN the label is trimmed and the others dropped', () => {
    const r = renderReply({
      sections: ['s'],
      buttons: [
        { label: 'L'.repeat(120), action: 'poll.vote', value: 'go', style: 'primary' },
        { label: 'again', action: 'poll.vote', value: 'go' },
        { label: 'big', action: 'poll.vote', value: 'v'.repeat(100), style: 'danger' },
      ],
    });
    const only = r.components[0]?.components;
    expect(only).toHaveLength(1);
    expect(only?.[0]?.label).toHaveLength(LIMITS.buttonLabel);
    expect(only?.[0]?.style).toBe(1);
    expect(r.droppedButtons).toBe(2);
  });

  it('GIVEN files THEN they become attachments with their bytes', () => {
    const r = renderReply({ sections: ['x'], files: [{ name: 'd.md', mimeType: 'text/markdown', content: '# Décision' }] });
    expect(r.files[0]?.name).toBe('d.md');
    expect(r.files[0]?.data.toString('utf8')).toBe('# Décision');
  });
});

describe('messageOptions', () => {
  const reply: Reply = { sections: ['@everyone look <@123> <@&456>'] };

  it('GIVEN any reply THEN allowed mentions ping no one, not even the replied-to user', () => {
    const o = messageOptions(renderReply(reply));
    expect(o.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('GIVEN an all-embed reply for an edit THEN the old content is cleared', () => {
    const o = messageOptions(renderReply({ title: 'T', sections: ['x'] }), true);
    expect(o.content).toBe('');
  });
});

describe('custom ids and text helpers', () => {
  it('GIVEN an action and a value with the separator THEN decoding splits at the first one', () => {
    const id = encodeCustomId('poll.vote', 'p1|go');
    expect(id).toBe('poll.vote|p1|go');
    expect(decodeCustomId(id ?? '')).toEqual({ action: 'poll.vote', value: 'p1|go' });
  });

  it('GIVEN ids without an action THEN decoding refuses', () => {
    expect(decodeCustomId('|x')).toBeUndefined();
    expect(decodeCustomId('nothing')).toBeUndefined();
    expect(encodeCustomId('a', 'b'.repeat(99))).toBeUndefined();
  });

  it('GIVEN an emoji at the cut THEN trimming does not split the surrogate pair', () => {
    const t = truncate(`ab😀cd`, 4);
    expect(t).toBe('ab…');
  });

  it('GIVEN a text without breaks THEN splitting cuts hard at the limit', () => {
    expect(splitText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
  });
});
