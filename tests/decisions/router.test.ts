import { describe, expect, it } from 'vitest';
import { parsePollArgs } from '../../src/core/polls/parse.js';
import { parseCommand } from '../../src/core/router.js';

describe('the decision log’s commands', () => {
  it.each([
    ['checklist for billing service', { type: 'checklist', sub: 'show', subject: 'billing service' }],
    ['decisions', { type: 'decisions' }],
    ['decisions forget AB12CD', { type: 'decisions-forget', id: 'ab12cd' }],
    ['polls', { type: 'polls' }],
    ['polls are they worth it?', { type: 'ask', question: 'polls are they worth it?' }],
    ['decisions about rust?', { type: 'ask', question: 'decisions about rust?' }],
  ])('GIVEN `%s` THEN it parses as %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('GIVEN `remind` among the flags THEN the poll asks for a reminder; after the question it is just a word', () => {
    expect(parsePollArgs('hidden remind for 1h Ship? | A | B')).toMatchObject({ ok: true, value: { remind: true, hidden: true, question: 'Ship?' } });
    const later = parsePollArgs('for 1h Should we remind people? | A | B');
    expect(later).toMatchObject({ ok: true, value: { question: 'Should we remind people?' } });
    expect(later.ok && later.value.remind).toBeFalsy();
  });
});
