import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/index.js';
import type { JsonReply } from '../../adapters/console/render.js';
import { silentLogger } from '../../src/logger.js';
import { testBot } from '../helpers/core.js';

/** Pipes `lines` into the real console adapter in --json mode and returns every reply it printed. */
async function chat(lines: readonly string[]): Promise<JsonReply[]> {
  const bot = await testBot();
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += String(chunk)));
  const adapter = createConsoleAdapter({ handler: bot, logger: silentLogger(), input, output, json: true, interactive: false });
  await bot.start({ outboxes: [adapter.outbox], sweepIntervalMs: 3_600_000 });
  await adapter.start();
  input.end(lines.map((l) => `${l}\n`).join(''));
  await adapter.done;
  await bot.stop();
  return printed.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as JsonReply);
}

describe('the decision log in a terminal', () => {
  it('GIVEN a finished checklist and a closed poll THEN `decisions` lists both and its record button prints the ADR as a file', async () => {
    const replies = await chat([
      'checklist for billing service', '1', '1', '1', '1', '1', '1', '1',
      'poll Which queue? | Kafka | NATS', 'NATS', 'close',
      'poll remind for 10m Deadline shown? | A | B',
      'decisions',
      '1',
    ]);
    const list = replies.find((r) => r.title === 'Decisions');
    expect(list?.text).toMatch(/Which queue\?: NATS · [a-z0-9]{6} · \d{4}-\d\d-\d\d · 1 person · a direct message/);
    expect(list?.text).toMatch(/billing service: (Rust|Go|Both, as a hybrid) · [a-z0-9]{6} · \d{4}-\d\d-\d\d · 1 person/);
    const record = replies.at(-1);
    expect(record?.files[0]?.name).toMatch(/^adr-[a-z0-9]{6}-poll-/);
    expect(record?.files[0]?.content).toContain('| NATS | 1 |');
    const poll = replies.find((r) => r.text.includes('Deadline shown?'));
    expect(poll?.context).toMatch(/closes \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });
});
