import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ClassifierData } from './core/knowledge/classifier/classifier.js';
import type { Topic, Vocabulary } from './core/knowledge/schema.js';

/**
 * The trained topic classifier as the build stores it, beside the content snapshot: one file holding the
 * header's length (uint32), the header (JSON) and, from the next multiple of four, the weights as float32.
 * The same weights as base64 inside JSON took about 12 ms to read, decode and parse on this machine; read
 * as bytes and viewed in place they take well under one.
 */
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

const ownBuildDir = (): string => fileURLToPath(new URL('..', import.meta.url));

export const modelFile = (buildDir: string = ownBuildDir()): string => join(buildDir, 'classifier-model.bin');

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

const alignedEnd = (headerLength: number): number => Math.ceil((4 + headerLength) / 4) * 4;

function readStored(buildDir?: string): { header: Header; bytes: Buffer } | undefined {
  try {
    const bytes = readFileSync(modelFile(buildDir));
    const length = bytes.readUInt32LE(0);
    const header = headerSchema.parse(JSON.parse(bytes.toString('utf8', 4, 4 + length)));
    return { header, bytes: bytes.subarray(alignedEnd(length)) };
  } catch {
    // No model or a damaged one: the scorer answers alone, as it did before there was a classifier.
    return undefined;
  }
}

/** The stored model when it is well formed and was trained for these topics; otherwise undefined. */
export function readModel(topics: readonly Topic[], vocabulary: Vocabulary, buildDir?: string): ClassifierData | undefined {
  const stored = readStored(buildDir);
  if (!stored) return undefined;
  const { header, bytes } = stored;
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

/** The training fingerprint of the stored model, or undefined when there is none to read. */
export const storedFingerprint = (buildDir?: string): string | undefined => readStored(buildDir)?.header.fingerprint;

export function writeModel(data: ClassifierData, fingerprint: string, topics: readonly Topic[], vocabulary: Vocabulary, buildDir?: string): void {
  const header: Header = {
    fingerprint,
    topics: topicsFingerprint(data.classes.filter(Boolean), topics, vocabulary),
    classes: [...data.classes],
    features: data.features.join('\n'),
    charWeight: data.charWeight,
    biases: [...data.model.biases],
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const out = Buffer.alloc(alignedEnd(json.length) + data.model.weights.byteLength);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  const { weights } = data.model;
  Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength).copy(out, alignedEnd(json.length));
  writeFileSync(modelFile(buildDir), out);
}

export function removeModel(buildDir?: string): void {
  rmSync(modelFile(buildDir), { force: true });
}
