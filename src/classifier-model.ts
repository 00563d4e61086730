import { createHash } from 'node:crypto';
import { z } from 'zod';
import { readModelFile, writeModelFile } from './classifier-file.js';
import type { ClassifierData } from './core/knowledge/classifier/classifier.js';
import type { Topic, Vocabulary } from './core/knowledge/schema.js';

/** The stored model's header (see classifier-file.ts for the file's layout). */
const headerSchema = z.strictObject({
  /** What the model was trained from (see classifier-build.ts); the build retrains when it differs. */
  fingerprint: z.string(),
  /** The topics and vocabulary it was trained for (see `topicsFingerprint`); it is used only for those. */
  topics: z.string(),
  classes: z.array(z.string()).min(2),
  /** The feature names, one a line: one string is parsed and checked several times faster than thousands. */
  features: z.string().min(1),
  charWeight: z.number().positive(),
  biases: z.array(z.number()),
});
type Header = z.infer<typeof headerSchema>;

/**
 * The topics a model serves, as the running bot has them: the vocabulary and each class's topic id and
 * examples. A team's own topics (KNOWLEDGE_DIR) are not classes and do not change it.
 */
export function topicsFingerprint(classes: readonly string[], topics: readonly Topic[], vocabulary: Vocabulary): string {
  const byId = new Map(topics.map((t) => [t.id, t]));
  const hash = createHash('sha256').update(JSON.stringify(vocabulary));
  for (const id of classes) hash.update(`\0${id}\0${JSON.stringify(byId.get(id)?.examples ?? null)}`);
  return hash.digest('hex');
}

/**
 * The stored model when it is well formed and was trained for these topics; otherwise undefined, and the
 * scorer answers alone, as it did before there was a classifier.
 */
export function readModel(topics: readonly Topic[], vocabulary: Vocabulary, buildDir?: string): ClassifierData | undefined {
  const stored = readModelFile(buildDir);
  const parsed = headerSchema.safeParse(stored?.header);
  if (!stored || !parsed.success) return undefined;
  const header = parsed.data;
  const bytes = stored.weights;
  const features = header.features.split('\n');
  const size = header.classes.length * features.length;
  if (bytes.length !== size * 4 || header.biases.length !== header.classes.length) return undefined;
  if (header.topics !== topicsFingerprint(header.classes.filter(Boolean), topics, vocabulary)) return undefined;
  // A file this large gets memory of its own, so the view is aligned; a copy covers any other case.
  const weights = bytes.byteOffset % 4 === 0 ? new Float32Array(bytes.buffer, bytes.byteOffset, size) : new Float32Array(Uint8Array.from(bytes).buffer);
  return {
    classes: header.classes,
    features,
    charWeight: header.charWeight,
    model: { classes: header.classes.length, weights, biases: Float32Array.from(header.biases) },
  };
}

export function writeModel(data: ClassifierData, fingerprint: string, topics: readonly Topic[], vocabulary: Vocabulary, buildDir?: string): void {
  const header: Header = {
    fingerprint,
    topics: topicsFingerprint(data.classes.filter(Boolean), topics, vocabulary),
    classes: [...data.classes],
    features: data.features.join('\n'),
    charWeight: data.charWeight,
    biases: [...data.model.biases],
  };
  writeModelFile(header, data.model.weights, buildDir);
}
