import type { Analyzer } from '../analyze.js';
import { featuresOf, kindOf, parseFeature, visitFeatures, type FeatureKind } from './features.js';
import { probabilities, train, type LinearModel, type SparseVector } from './softmax.js';

/** A labelled text to learn from: a topic's example or a labelled question (no labels: answered by no topic). */
export interface LabelledText {
  readonly text: string;
  readonly topics: readonly string[];
}

export interface ClassifierOptions {
  epochs: number;
  l2: number;
  learningRate: number;
  seed: number;
  /** Features seen fewer times than this in training are dropped. */
  minCount: number;
  /** Weight of the character n-grams against the word features, each group being of unit length. */
  charWeight: number;
  /** Learn a class for the questions no topic answers, from the unlabelled texts. */
  noneClass: boolean;
}

/** The id of the class of questions no topic answers. */
export const NONE = '';

/** What a classifier is made of: the data the build stores. */
export interface ClassifierData {
  readonly classes: readonly string[];
  readonly features: readonly string[];
  readonly charWeight: number;
  readonly model: LinearModel;
}

export interface Classifier {
  readonly classes: readonly string[];
  /** Each class's probability for the text, best first. */
  rank(text: string): Array<{ id: string; p: number }>;
}

/** How the index reads a text: its analyzer, and its words with misspellings corrected. */
export interface TextReader {
  analyzer: Analyzer;
  words(text: string): string[];
}

export function trainClassifier(texts: readonly LabelledText[], reader: TextReader, options: ClassifierOptions): ClassifierData {
  const used = texts.filter((t) => t.topics.length > 0 || options.noneClass);
  const featureLists = used.map((t) => unique(featuresOf(reader.words(t.text), reader.analyzer)));
  const counts = new Map<string, number>();
  for (const list of featureLists) for (const f of list) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features = [...counts].filter(([, n]) => n >= options.minCount).map(([f]) => f).sort();
  const indexOf = new Map(features.map((f, i) => [f, i]));
  const topicIds = [...new Set(used.flatMap((t) => t.topics))].sort();
  const classes = options.noneClass ? [NONE, ...topicIds] : topicIds;
  const classOf = new Map(classes.map((c, i) => [c, i]));
  const samples = used.map((t, i) => ({
    x: vectorOf(featureLists[i] ?? [], indexOf, options.charWeight),
    labels: (t.topics.length > 0 ? t.topics : [NONE]).map((id) => classOf.get(id) ?? 0),
  }));
  const model = train(samples, { ...options, classes: classes.length, dimensions: features.length });
  return { classes, features, charWeight: options.charWeight, model };
}

export function createClassifier(data: ClassifierData, reader: TextReader): Classifier {
  // One map per group, keyed by the feature's text: a question's features are looked up without naming them.
  const lookup: Record<FeatureKind, Map<string, number>> = { w: new Map(), b: new Map(), c: new Map() };
  data.features.forEach((name, i) => {
    const { kind, text } = parseFeature(name);
    lookup[kind].set(text, i);
  });
  return {
    classes: data.classes,
    rank(text) {
      const indexes: number[] = [];
      const isChar: boolean[] = [];
      const seen = new Set<number>();
      visitFeatures(reader.words(text), reader.analyzer, (kind, key) => {
        const i = lookup[kind].get(key);
        if (i === undefined || seen.has(i)) return;
        seen.add(i);
        indexes.push(i);
        isChar.push(kind === 'c');
      });
      const p = probabilities(data.model, weighted(indexes, isChar, data.charWeight));
      return data.classes.map((id, k) => ({ id, p: p[k] ?? 0 })).sort((a, b) => b.p - a.p);
    },
  };
}

/** A training text's named features as the model's input; features the model did not keep are left out. */
function vectorOf(features: readonly string[], indexOf: ReadonlyMap<string, number>, charWeight: number): SparseVector {
  const indexes: number[] = [];
  const isChar: boolean[] = [];
  for (const f of features) {
    const i = indexOf.get(f);
    if (i === undefined) continue;
    indexes.push(i);
    isChar.push(kindOf(f) === 'c');
  }
  return weighted(indexes, isChar, charWeight);
}

/** Values for present features: the word group and the character group each scaled to unit length. */
function weighted(indexes: number[], isChar: readonly boolean[], charWeight: number): SparseVector {
  let chars = 0;
  for (const c of isChar) if (c) chars += 1;
  const word = 1 / (Math.sqrt(indexes.length - chars) || 1);
  const char = charWeight / (Math.sqrt(chars) || 1);
  return { indexes, values: isChar.map((c) => (c ? char : word)) };
}

const unique = (items: readonly string[]): string[] => [...new Set(items)];

/** The texts a classifier learns from: every topic's examples, then the labelled questions. */
export function trainingTexts(topics: readonly { id: string; examples: readonly string[] }[], questions: readonly LabelledText[]): LabelledText[] {
  return [...topics.flatMap((t) => t.examples.map((text) => ({ text, topics: [t.id] }))), ...questions];
}
