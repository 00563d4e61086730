/**
 * Lists the dev split's questions that do not get the right outcome, for tuning:
 * `DEV_MISSES=1 npx vitest run tests/knowledge/eval/dev-misses.test.ts`. Only ever dev: the test split is never listed.
 */
import { expect, it } from 'vitest';
import { answeredFrom, loadIndex, loadSplit, outcomeOf, summary, tally } from './evaluate.js';

it.runIf(process.env['DEV_MISSES'])('lists the dev misses', async () => {
  const { index } = await loadIndex();
  const dev = await loadSplit('dev');
  const lines: string[] = [];
  for (const { q, topics } of dev) {
    const from = answeredFrom(index.answer(q));
    const ok = topics.length === 0 ? from === 'clarifying' || from === 'dontKnow' : outcomeOf(from, topics) === 'right';
    if (!ok) lines.push(`${from.padEnd(26)} want ${(topics.join(',') || 'none').padEnd(40)} ${q}`);
  }
  console.log([...lines, summary('dev', tally(index, dev))].join('\n'));
  expect(dev.length).toBeGreaterThan(0);
});
