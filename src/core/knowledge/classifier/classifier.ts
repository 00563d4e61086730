import type { Analyzer } from '../analyze.js';
import { featuresOf } from './features.js';
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
  const indexOf = new Map(data.features.map((f, i) => [f, i]));
  return {
    classes: data.classes,
    rank(text) {
      const p = probabilities(data.model, vectorOf(unique(featuresOf(reader.words(text), reader.analyzer)), indexOf, data.charWeight));
      return data.classes.map((id, k) => ({ id, p: p[k] ?? 0 })).sort((a, b) => b.p - a.p);
    },
  };
}

/** Present features as 1, the word group and the character group each scaled to unit length. */
function vectorOf(features: readonly string[], indexOf: ReadonlyMap<string, number>, charWeight: number): SparseVector {
  const indexes: number[] = [];
  const isChar: boolean[] = [];
  let chars = 0;
  for (const f of features) {
    const i = indexOf.get(f);
    if (i === undefined) continue;
    const char = f.startsWith('c:');
    indexes.push(i);
    isChar.push(char);
    if (char) chars += 1;
  }
  const word = 1 / (Math.sqrt(indexes.length - chars) || 1);
  const char = charWeight / (Math.sqrt(chars) || 1);
  return { indexes, values: isChar.map((c) => (c ? char : word)) };
}

const unique = (items: readonly string[]): string[] => [...new Set(items)];

/** The texts a classifier learns from: every topic's examples, then the labelled questions. */
export function trainingTexts(topics: readonly { id: string; examples: readonly string[] }[], questions: readonly LabelledText[]): LabelledText[] {
  return [...topics.flatMap((t) => t.examples.map((text) => ({ text, topics: [t.id] }))), ...questions];
}
