import type { ClassifierOptions } from './classifier.js';

/** Training settings, chosen by cross-validation on the dev split (tests/knowledge/eval/dev-cv.test.ts). */
export const CLASSIFIER_OPTIONS: ClassifierOptions = {
  epochs: 30,
  l2: 1e-4,
  learningRate: 0.5,
  seed: 12,
  minCount: 2,
  charWeight: 1,
  noneClass: true,
};
