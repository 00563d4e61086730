import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadChecklist, type Checklist } from '../../src/core/checklist/definition.js';
import { scoreAnswers, type TeamAnswers } from '../../src/core/checklist/score.js';
import { builtInKnowledgeDir } from '../../src/paths.js';

let checklist: Checklist;
beforeAll(async () => {
  checklist = await loadChecklist(join(builtInKnowledgeDir(), 'checklist.yaml'));
});

describe('scoreAnswers', () => {
  it.each<[string, TeamAnswers, 'rust' | 'go' | 'hybrid', number, number]>([
    [
      'performance-critical CPU-bound team',
      { performance: ['critical'], delivery: ['correctness-first'], team: ['both'], ecosystem: ['both-mature'], workload: ['cpu-bound'] },
      'rust',
      3 + 1 + 1 + 2,
      1,
    ],
    [
      'Go team shipping an I/O-bound service fast',
      { performance: ['good-enough'], delivery: ['top-priority'], team: ['mostly-go'], ecosystem: ['go-only'], workload: ['io-bound'] },
      'go',
      0,
      1 + 3 + 3 + 2 + 2,
    ],
    ['exact tie → hybrid', { performance: ['critical'], delivery: ['top-priority'] }, 'hybrid', 3, 3],
    ['nothing answered → tie → hybrid', {}, 'hybrid', 0, 0],
    ['three members, weights summed', { performance: ['critical', 'critical', 'good-enough'], team: ['mostly-go', 'mostly-go', 'mostly-go'] }, 'go', 6, 10],
    ['unknown option ids are ignored', { performance: ['nope'], workload: ['cpu-bound'] }, 'rust', 2, 0],
  ])('%s', (_name, answers, recommendation, rust, go) => {
    const score = scoreAnswers(checklist, answers);
    expect(score).toMatchObject({ recommendation, rust, go });
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
