import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as defined from '../../src/core/actions.js';
import { exchange, testBot } from '../helpers/core.js';
import { alice, presses } from '../helpers/fake-chat.js';

const root = join(import.meta.dirname, '../..');
const definitions = Object.values(defined).filter((d) => typeof d === 'object' && d !== null && 'handledBy' in d) as Array<{ name: string }>;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** The one file allowed to name an action by its string: where the actions are defined. */
const ALLOWED = new Set(['src/core/actions.ts']);

function roundTrip<V>(def: defined.ActionDef<V>, value: V): void {
  const made = def.button('Label', value);
  expect(made.action).toBe(def.name);
  expect(def.value.parse(made.value)).toEqual(value);
}

describe('actions as data', () => {
  it('GIVEN the sources THEN no string literal names an action outside its definition', () => {
    expect(definitions.length).toBe(13);
    const offenders: string[] = [];
    for (const file of [...sources('src'), ...sources('adapters')]) {
      if (ALLOWED.has(file)) continue;
      const text = readFileSync(join(root, file), 'utf8');
      for (const d of definitions) if (new RegExp(`['"\`]${d.name.replace('.', '\\.')}['"\`]`).test(text)) offenders.push(`${file}: ${d.name}`);
    }
    expect(offenders).toEqual([]);
  });

  it('GIVEN the core THEN no handler takes a lock or reads and writes the store directly: records do', () => {
    const offenders = sources('src/core').filter((file) => /\.withLock\(|\bstore\.(get|set|delete)\(/.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('GIVEN each definition THEN the values its buttons carry read back to what they were made from', () => {
    roundTrip(defined.checklistAnswer, { sessionId: 'abcd1234', step: 3, optionId: 'mostly-go' });
    roundTrip(defined.checklistNext, { sessionId: 'abcd1234', step: 12 });
    roundTrip(defined.pollVote, { pollId: 'zz99zz99', option: 9 });
    roundTrip(defined.knowledgeFeedback, { topicId: 'go-gc-latency', vote: 'down' as const });
    roundTrip(defined.pollClose, 'abcd1234');
    roundTrip(defined.decisionsRecord, 'k3x9a2');
    roundTrip(defined.decisionsMore, 20);
    roundTrip(defined.decisionsHowto, 'home');
  });

  it.each([
    ['poll.vote', 'abcd1234:1:2', /doesn't belong to a poll/],
    ['checklist.answer', 'abcd1234:1', /doesn't belong to a checklist/],
    ['checklist.next', 'abcd1234:1:go', /doesn't belong to a checklist/],
    ['knowledge.feedback', 'go-gc-latency:sideways', /feedback button doesn't belong/],
    ['poll.close', 'x'.repeat(101), /doesn't belong to a poll/],
    ['nothing.here', 'abcd1234', /don't recognise that button/],
  ])('GIVEN %s with the malformed value %j THEN one private refusal from the one place that reads values', async (action, value, text) => {
    const bot = await testBot();
    const replies = await exchange(bot, presses(alice, action, value));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.ephemeral).toBe(true);
    expect(replies[0]?.sections[0]).toMatch(text);
  });
});
