import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadChecklist, type Checklist } from '../../src/core/checklist/definition.js';
import { scoreAnswers, type TeamAnswers } from '../../src/core/checklist/score.js';
import { builtInKnowledgeDir } from '../../src/paths.js';

let checklist: Checklist;
beforeAll(async () => {
  checklist = await loadChecklist(join(builtInKnowledgeDir(), 'checklist.yaml'));
});

/** The weight the loaded checklist gives one option, so the expectations follow knowledge/checklist.yaml. */
function weight(questionId: string, optionId: string, side: 'rust' | 'go'): number {
  const option = checklist.questions.find((q) => q.id === questionId)?.options.find((o) => o.id === optionId);
  if (!option) throw new Error(`no option ${questionId}/${optionId} in the checklist`);
  return option.weights[side];
}

/** Each chosen option's weights, summed per side: what the totals must be. */
function expected(answers: TeamAnswers): { rust: number; go: number } {
  let rust = 0;
  let go = 0;
  for (const [questionId, chosen] of Object.entries(answers)) {
    for (const optionId of chosen) {
      rust += weight(questionId, optionId, 'rust');
      go += weight(questionId, optionId, 'go');
    }
  }
  return { rust, go };
}

describe('scoreAnswers', () => {
  it.each<[string, TeamAnswers, 'rust' | 'go']>([
    [
      'performance-critical CPU-bound team',
      { performance: ['critical'], delivery: ['correctness-first'], team: ['both'], ecosystem: ['both-mature'], workload: ['cpu-bound'] },
      'rust',
    ],
    [
      'Go team shipping an I/O-bound service fast',
      { performance: ['good-enough'], delivery: ['top-priority'], team: ['mostly-go'], ecosystem: ['go-only'], workload: ['io-bound'] },
      'go',
    ],
    ['three members, weights summed', { performance: ['critical', 'critical', 'good-enough'], team: ['mostly-go', 'mostly-go', 'mostly-go'] }, 'go'],
  ])('%s', (_name, answers, recommendation) => {
    const want = expected(answers);
    expect(want.rust).not.toBe(want.go);
    expect(scoreAnswers(checklist, answers)).toMatchObject({ recommendation, ...want });
  });

  it('GIVEN equal totals THEN both, as a hybrid; nothing answered is a tie too', () => {
    const tie = { performance: ['critical'], delivery: ['top-priority'] };
    const want = expected(tie);
    expect(want.rust).toBe(want.go);
    expect(scoreAnswers(checklist, tie)).toMatchObject({ recommendation: 'hybrid', ...want });
    expect(scoreAnswers(checklist, {})).toMatchObject({ recommendation: 'hybrid', rust: 0, go: 0 });
  });

  it('GIVEN an option id the checklist does not have THEN it is ignored', () => {
    const answers = { performance: ['nope'], workload: ['cpu-bound'] };
    expect(scoreAnswers(checklist, answers)).toMatchObject(expected({ workload: ['cpu-bound'] }));
  });

  it('GIVEN members who chose differently THEN the question is listed as a disagreement', () => {
    const score = scoreAnswers(checklist, { performance: ['critical', 'good-enough'], workload: ['io-bound', 'io-bound'] });
    expect(score.disagreements.map((d) => d.questionId)).toEqual(['performance']);
    expect(score.reasons.map((r) => r.option.id)).toEqual(['critical', 'good-enough', 'io-bound']);
  });

  it('every question has the article-backed ids the issue asks for', () => {
    expect(checklist.questions.map((q) => q.id)).toEqual(
      expect.arrayContaining(['performance', 'delivery', 'team', 'ecosystem', 'workload']),
    );
    const team = checklist.questions.find((q) => q.id === 'team');
    expect(team?.options.map((o) => o.id)).toEqual(['mostly-go', 'mostly-rust', 'both', 'neither']);
    for (const q of checklist.questions) {
      expect(q.options.length).toBeGreaterThanOrEqual(3);
      for (const o of q.options) expect(o.source).toMatch(/article/i);
    }
  });
});
