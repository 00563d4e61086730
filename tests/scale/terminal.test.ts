import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ENTRY } from '../helpers/bot-process.js';

/** The person at the terminal runs the bot: a script piping questions into it is never rate-limited. */
describe('the built app in the terminal, fed by a script', () => {
  it('GIVEN 500 ask lines on stdin THEN it prints 500 answers and exits 0', () => {
    const questions = ['is Go garbage collected?', 'how fast does Rust compile?', 'which has better concurrency?', 'what about WebAssembly?'];
    const input = Array.from({ length: 500 }, (_, i) => `ask ${questions[i % questions.length]}\n`).join('');
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'rustgo-flood-')), 'state.sqlite')}`;
    const result = spawnSync(process.execPath, [ENTRY, '--json'], { input, env: { ...cleanEnv(), STORE_URL: store }, encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    const replies = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { text: string });
    expect(replies).toHaveLength(500);
    expect(replies.filter((r) => /going a bit fast/.test(r.text))).toEqual([]);
  }, 70_000);
});
