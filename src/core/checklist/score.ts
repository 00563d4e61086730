import type { Checklist, Option } from './definition.js';

export type Recommendation = 'rust' | 'go' | 'hybrid';

/** Answers per question: one chosen option id per member. */
export type TeamAnswers = Readonly<Record<string, readonly string[]>>;

interface QuestionScore {
  questionId: string;
  rust: number;
  go: number;
  /** Option id → how many members chose it, in the checklist's option order. */
  votes: ReadonlyArray<{ option: Option; count: number }>;
}

export interface Score {
  recommendation: Recommendation;
  rust: number;
  go: number;
  perQuestion: QuestionScore[];
  /** Questions where members chose different options. */
  disagreements: QuestionScore[];
  /** Reasons of every chosen option, most-chosen first per question. */
  reasons: Array<{ questionId: string; option: Option }>;
}

/**
 * Sums the weights of every member's answer (each counts equally); the side with more points
 * wins and an exact tie recommends the hybrid. Unknown option ids are ignored.
 */
export function scoreAnswers(checklist: Checklist, answers: TeamAnswers): Score {
  const perQuestion: QuestionScore[] = [];
  const reasons: Score['reasons'] = [];
  let rust = 0;
  let go = 0;
  for (const question of checklist.questions) {
    const chosen = answers[question.id] ?? [];
    const votes = question.options.map((option) => ({ option, count: chosen.filter((c) => c === option.id).length }));
    const q = votes.reduce(
      (acc, v) => ({ rust: acc.rust + v.option.weights.rust * v.count, go: acc.go + v.option.weights.go * v.count }),
      { rust: 0, go: 0 },
    );
    rust += q.rust;
    go += q.go;
    perQuestion.push({ questionId: question.id, ...q, votes });
    [...votes]
      .filter((v) => v.count > 0)
      .sort((a, b) => b.count - a.count)
      .forEach((v) => reasons.push({ questionId: question.id, option: v.option }));
  }
  const recommendation: Recommendation = rust > go ? 'rust' : go > rust ? 'go' : 'hybrid';
  const disagreements = perQuestion.filter((q) => q.votes.filter((v) => v.count > 0).length > 1);
  return { recommendation, rust, go, perQuestion, disagreements, reasons };
}
