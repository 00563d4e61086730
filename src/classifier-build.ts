import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentFingerprint } from './content-snapshot.js';
import { removeModel, storedFingerprint } from './classifier-file.js';
import { packageRoot } from './paths.js';
import type { Topic, Vocabulary } from './core/knowledge/schema.js';

/**
 * The labelled questions the classifier learns from beside the topics' examples: the evaluation's dev split
 * (the image's build stage copies it). A build without it trains on the examples alone.
 */
export const devSplitFile = (): string => join(packageRoot(), 'tests', 'knowledge', 'eval', 'dev.yaml');

function readOrEmpty(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
}

/** Everything the model is made from: the content files and the compiled code (see contentFingerprint), and the dev split. */
export function trainingFingerprint(knowledgeDir: string, devFile: string, buildDir?: string): string {
  return createHash('sha256').update(contentFingerprint(knowledgeDir, buildDir)).update('\0').update(readOrEmpty(devFile)).digest('hex');
}

/**
 * Trains and stores the classifier unless the stored one was made from exactly these inputs. Training is a
 * second or two, so it is done here, at build time, and never at start-up.
 */
export async function keepModelCurrent(knowledgeDir: string, sources: { topics: Topic[]; vocabulary: Vocabulary }, buildDir?: string, devFile: string = devSplitFile()): Promise<void> {
  const fingerprint = trainingFingerprint(knowledgeDir, devFile, buildDir);
  if (storedFingerprint(buildDir) === fingerprint) return;
  removeModel(buildDir);
  // The trainer, the YAML parser and zod are loaded only when there is training to do.
  const [{ trainBuiltIn }, { writeModel }] = await Promise.all([import('./classifier-train.js'), import('./classifier-model.js')]);
  writeModel(await trainBuiltIn(sources.topics, sources.vocabulary, devFile), fingerprint, sources.topics, sources.vocabulary, buildDir);
}
