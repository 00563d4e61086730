import type { Explanation } from '../score.js';
import type { Topic } from '../schema.js';
import { NONE, type Classifier } from './classifier.js';

/** Thresholds on the classifier's probability, chosen by cross-validation on the dev split (see tests/knowledge/eval/dev-cv.test.ts). */
export interface CombineTuning {
  /** A confident scorer is overruled by a classifier at least this sure of another topic… */
  overrule: number;
  /** …and asked back about both when the classifier is at least this sure. */
  dispute: number;
  /** A near match is answered when the classifier is at least this sure of a topic… */
  rescue: number;
  /** …that the scorer ranks among its first this many. */
  rescueRank: number;
}

export const COMBINE_TUNING: CombineTuning = { overrule: 0.7, dispute: 0.5, rescue: 0.4, rescueRank: 5 };

export type Choice = { kind: 'answer'; topic: Topic } | { kind: 'clarify'; suggestions: Topic[] } | { kind: 'none' };

/**
 * What to do with a question the scorer has judged, given what the classifier thinks. The classifier only
 * acts where the scorer found something (confident or near): a question the scorer sees nothing of stays
 * unanswered, so the classifier cannot make the bot answer what the base does not cover. A topic the
 * classifier was not trained on (a team's own, from KNOWLEDGE_DIR) is left to the scorer.
 */
export function choose(
  e: Explanation,
  ranked: readonly Topic[],
  classifier: Classifier | undefined,
  text: string,
  get: (id: string) => Topic | undefined,
  tuning: CombineTuning = COMBINE_TUNING,
): Choice {
  const scorerTop = ranked[0];
  const scorerSays: Choice = e.confident && scorerTop ? { kind: 'answer', topic: scorerTop } : { kind: 'none' };
  if (!classifier || !scorerTop || !(e.confident || e.near) || !classifier.classes.includes(scorerTop.id)) return scorerSays;
  const best = classifier.rank(text)[0];
  const topic = best && best.id !== NONE ? get(best.id) : undefined;
  if (!best || !topic) return scorerSays;
  if (e.confident) {
    if (topic === scorerTop) return scorerSays;
    if (best.p >= tuning.overrule) return { kind: 'answer', topic };
    return best.p >= tuning.dispute ? { kind: 'clarify', suggestions: [scorerTop, topic] } : scorerSays;
  }
  const rank = ranked.indexOf(topic);
  return best.p >= tuning.rescue && rank >= 0 && rank < tuning.rescueRank ? { kind: 'answer', topic } : scorerSays;
}
