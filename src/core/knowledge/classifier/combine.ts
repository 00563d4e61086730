import type { Explanation } from '../score.js';
import type { Topic } from '../schema.js';
import { NONE, type Classifier } from './classifier.js';

/** Thresholds on the classifier's probability, chosen by cross-validation (tests/knowledge/eval/dev-cv.test.ts). */
export interface CombineTuning {
  /** A near match is answered when the classifier is at least this sure of a topic… */
  rescue: number;
  /** …that the scorer ranks among its first this many. */
  rescueRank: number;
}

/**
 * 0.4: on the dev folds 0.5 gave 3 right answers fewer for 1 false one fewer, and on the held-out examples
 * 9 right fewer for 4 false fewer.
 */
export const COMBINE_TUNING: CombineTuning = { rescue: 0.4, rescueRank: 5 };

export type Choice = { kind: 'answer'; topic: Topic } | { kind: 'none' };

/**
 * Which topic answers a question the scorer has judged. A confident scorer decides alone: where it and the
 * classifier disagreed, the scorer was right 10 times to the classifier's 2 on the dev folds (before dev's
 * third batch) and 47 to 11 on the held-out examples, at every level of the classifier's probability. Where
 * the scorer is only near ("did you mean"), a classifier sure of one of the scorer's candidates answers with
 * it. A question the scorer sees nothing of stays unanswered, so the classifier cannot make the bot answer
 * what the base does not cover; nor does it act on a topic it was not trained on (a team's own, from
 * KNOWLEDGE_DIR).
 */
export function choose(
  e: Explanation,
  ranked: readonly Topic[],
  classifier: Classifier | undefined,
  text: string,
  tuning: CombineTuning = COMBINE_TUNING,
): Choice {
  const scorerTop = ranked[0];
  if (e.confident && scorerTop) return { kind: 'answer', topic: scorerTop };
  if (!classifier || !scorerTop || !e.near || !classifier.classes.includes(scorerTop.id)) return { kind: 'none' };
  const best = classifier.rank(text)[0];
  const rank = best && best.id !== NONE ? ranked.findIndex((t) => t.id === best.id) : -1;
  const topic = ranked[rank];
  return best && topic && best.p >= tuning.rescue && rank < tuning.rescueRank ? { kind: 'answer', topic } : { kind: 'none' };
}
