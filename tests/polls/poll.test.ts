import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../src/core/polls/parse.js';
import { pollVote } from '../../src/core/actions.js';
import { castVote, closePoll, createPoll, outcome, outcomeLabel, tally, type Poll } from '../../src/core/polls/poll.js';
import { bar, closedReply, confirmation, csvCell, pollCsv, pollReply } from '../../src/core/polls/render.js';

const base = (over: Partial<Parameters<typeof createPoll>[0]> = {}): Poll =>
  createPoll(
    { question: 'Which?', options: DEFAULT_OPTIONS, anonymous: false, hidden: false, ...over },
    { id: 'abcd123456', conversation: { platform: 'slack', workspaceId: 'T', channelId: 'C', isDirect: false }, creator: { id: 'U1', name: 'Ann' }, now: 1_000 },
  );

function vote(poll: Poll, voter: string, option: number): Poll {
  const r = castVote(poll, voter, option, voter);
  if (!r.ok) throw new Error(r.reason);
  return r.value.poll;
}

describe('pure poll logic', () => {
  it('GIVEN votes THEN one per person; another option moves it; the same again withdraws it', () => {
    let p = base();
    const first = castVote(p, 'a', 0, 'A');
    expect(first).toMatchObject({ ok: true, value: { outcome: 'voted' } });
    p = first.ok ? first.value.poll : p;
    const moved = castVote(p, 'a', 1, 'A');
    expect(moved).toMatchObject({ ok: true, value: { outcome: 'moved' } });
    p = moved.ok ? moved.value.poll : p;
    expect(tally(p).counts).toEqual([0, 1, 0, 0]);
    const withdrawn = castVote(p, 'a', 1, 'A');
    expect(withdrawn).toMatchObject({ ok: true, value: { outcome: 'withdrawn' } });
    expect(withdrawn.ok && tally(withdrawn.value.poll).total).toBe(0);
    expect(withdrawn.ok && withdrawn.value.poll.version).toBe(3);
  });

  it.each([[-1], [4], [1.5], [Number.NaN]])('GIVEN option %s THEN unknown-option', (option) => {
    expect(castVote(base(), 'a', option)).toEqual({ ok: false, reason: 'unknown-option' });
  });

  it('GIVEN a closed poll THEN a vote is refused and closing again fails', () => {
    const closed = closePoll(base(), 2_000);
    expect(closed.ok).toBe(true);
    if (!closed.ok) return;
    expect(castVote(closed.value, 'a', 0)).toEqual({ ok: false, reason: 'closed' });
    expect(closePoll(closed.value, 3_000)).toEqual({ ok: false, reason: 'closed' });
  });

  it('GIVEN an anonymous poll THEN no name is kept', () => {
    const r = castVote(base({ anonymous: true }), 'h:xyz', 0, 'Ann');
    expect(r.ok && r.value.poll.votes).toEqual({ 'h:xyz': { o: 0 } });
  });

  it('finds the winner, a tie or no votes', () => {
    expect(outcome(tally(base()))).toEqual({ kind: 'none' });
    const win = vote(vote(vote(base(), 'a', 1), 'b', 1), 'c', 0);
    expect(outcome(tally(win))).toEqual({ kind: 'winner', option: 1 });
    expect(outcomeLabel(win)).toBe('Go');
    const tie = vote(vote(base(), 'a', 0), 'b', 1);
    expect(outcomeLabel(tie)).toBe('Tie: Rust, Go');
  });

  it.each([
    ['abcd123456:0', { pollId: 'abcd123456', option: 0 }],
    ['abcd123456:12', { pollId: 'abcd123456', option: 12 }],
    ['abcd123456', undefined],
    ['ABCD:1', undefined],
    ['abcd123456:1:2', undefined],
    ['{"poll":1}', undefined],
    ['x'.repeat(500), undefined],
  ])('vote value %j', (value, expected) => {
    const parsed = pollVote.value.safeParse(value);
    expect(parsed.success ? parsed.data : undefined).toEqual(expected);
    if (expected) expect(pollVote.encode(expected)).toBe(value);
  });
});

describe('poll rendering', () => {
  it('draws bars', () => {
    expect(bar(1, 2)).toBe('█████░░░░░ 50%');
    expect(bar(0, 0)).toBe('░░░░░░░░░░ 0%');
    expect(bar(3, 3)).toBe('██████████ 100%');
  });

  it('GIVEN a poll THEN the message has counts, bars, the total, voters, one button per option and Close poll', () => {
    const reply = pollReply(vote(vote(base(), 'Bea', 0), 'Cid', 1));
    const text = reply.sections.join('\n');
    expect(text).toContain('**Rust**: 1');
    expect(text).toContain('█████░░░░░ 50%');
    expect(text).toContain('**Total: 2**');
    expect(text).toContain('_Bea_');
    expect(reply.buttons?.map((b) => b.label)).toEqual([...DEFAULT_OPTIONS, 'Close poll']);
    expect(reply.buttons?.every((b) => b.value.length <= 80)).toBe(true);
  });

  it('GIVEN a hidden poll THEN only the number of voters shows until it closes', () => {
    const p = vote(vote(base({ hidden: true }), 'Bea', 0), 'Cid', 1);
    const open = pollReply(p).sections.join('\n');
    expect(open).toContain('2 people voted so far');
    expect(open).not.toContain('Rust');
    expect(open).not.toContain('Bea');
    const closed = closePoll(p, 5);
    expect(closed.ok && closedReply(closed.value).sections.join('\n')).toContain('**Rust**: 1');
  });

  it('GIVEN a closed poll THEN the winner or tie shows and there are no vote buttons', () => {
    const closed = closePoll(vote(vote(base(), 'a', 0), 'b', 1), 5);
    if (!closed.ok) throw new Error('not closed');
    const reply = pollReply(closed.value);
    expect(reply.buttons).toBeUndefined();
    expect(reply.sections.join('\n')).toMatch(/A tie between \*\*Rust\*\* and \*\*Go\*\*/);
  });

  it('GIVEN a question with pings THEN they are neutralised', () => {
    const p = createPoll(
      { question: '<!channel> @everyone @here vote!', options: ['@everyone', 'b'], anonymous: false, hidden: false },
      { id: 'abcd123456', conversation: { platform: 'slack', workspaceId: 'T', channelId: 'C', isDirect: false }, creator: { id: 'U1', name: 'Ann' }, now: 1 },
    );
    const reply = pollReply(p);
    const all = [...reply.sections, ...(reply.buttons ?? []).map((b) => b.label)].join('\n');
    expect(all).not.toMatch(/@(everyone|here|channel)/);
  });

  it('GIVEN 10 long options and 500 voters with long names THEN every section fits Slack and the whole fits a Discord embed', () => {
    let p = base({ options: Array.from({ length: 10 }, (_, i) => `${i}${'o'.repeat(49)}`) });
    for (let i = 0; i < 500; i++) p = vote(p, `${i}${'n'.repeat(80)}`, i % 10);
    const reply = pollReply(p);
    expect(Math.max(...reply.sections.map((x) => x.length))).toBeLessThan(3_000);
    expect(reply.sections.join('\n').length).toBeLessThan(6_000);
    expect(reply.sections.join('\n')).toContain('and 40 more');
  });

  it('confirms privately', () => {
    expect(confirmation(base(), 1, 'voted')).toBe('You voted Go.');
    expect(confirmation(base(), 0, 'moved')).toBe('Your vote moved to Rust.');
    expect(confirmation(base(), 0, 'withdrawn')).toBe('Vote withdrawn.');
  });

  it.each([
    ['=SUM(A1)', `"'=SUM(A1)"`],
    ['+1', `"'+1"`],
    ['-1', `"'-1"`],
    ['@cmd', `"'@cmd"`],
    ['say "hi"', '"say ""hi"""'],
    ['Rust', '"Rust"'],
  ])('CSV cell %j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('exports option, votes and voters, without voters when anonymous', () => {
    const p = vote(vote(base(), '=HYPERLINK("x")', 0), 'Cid', 0);
    expect(pollCsv(p).content.split('\r\n').slice(0, 2)).toEqual(['"option","votes","voters"', `"Rust","2","'=HYPERLINK(""x""); Cid"`]);
    expect(pollCsv(base({ anonymous: true })).content.split('\r\n')[0]).toBe('"option","votes"');
  });
});
