import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { trainClassifier, trainingTexts, type ClassifierData, type LabelledText } from './core/knowledge/classifier/classifier.js';
import { CLASSIFIER_OPTIONS } from './core/knowledge/classifier/defaults.js';
import { textReader } from './core/knowledge/search.js';
import type { Topic, Vocabulary } from './core/knowledge/schema.js';

/** A labelled question of the evaluation's splits: its text and the topics that answer it (none: unanswerable). */
export const labelledQuestionSchema = z.object({ q: z.string().min(1), topics: z.array(z.string()) });
const splitSchema = z.object({ questions: z.array(labelledQuestionSchema) });

/** The split's questions as training texts; none when the file is absent (a build from the app's folders alone). */
export async function readLabelledQuestions(file: string): Promise<LabelledText[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  return splitSchema.parse(parseYaml(text)).questions.map(({ q, topics }) => ({ text: q, topics }));
}

/** The built-in classifier: every topic's examples and the labelled questions, read as the index reads them. */
export async function trainBuiltIn(topics: readonly Topic[], vocabulary: Vocabulary, devFile: string): Promise<ClassifierData> {
  return trainClassifier(trainingTexts(topics, await readLabelledQuestions(devFile)), textReader(topics, vocabulary), CLASSIFIER_OPTIONS);
}
