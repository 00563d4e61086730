import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Checklist } from './core/checklist/definition.js';
import type { HelpText } from './core/help.js';
import type { Topic, Vocabulary } from './core/knowledge/schema.js';

/** The built-in content files, read and validated: what start-up needs from `knowledge/`. */
export interface ContentSources {
  checklist: Checklist;
  help: HelpText;
  topics: Topic[];
  vocabulary: Vocabulary;
}

interface Snapshot {
  fingerprint: string;
  sources: ContentSources;
}

/**
 * The build output this code runs from (`dist/` when compiled). The snapshot sits there beside the build
 * record, so it only ever serves the code it was made with: run from the TypeScript sources (the tests),
 * there is no build record next to the code and the content files are parsed.
 */
const ownBuildDir = (): string => fileURLToPath(new URL('..', import.meta.url));

/**
 * Where the build keeps the validated content as JSON. Parsing the YAML cold was the largest single
 * cost of start-up (several times the rest of the content work), and JSON.parse of the same data
 * costs about a millisecond.
 */
export const snapshotFile = (buildDir: string = ownBuildDir()): string => join(buildDir, 'content-snapshot.json');

/**
 * What the snapshot was made from: every built-in content file (name and bytes) and the build record of
 * the compiled code, so an edited topic or a rebuilt loader makes the snapshot stale instead of wrong.
 */
export function contentFingerprint(knowledgeDir: string, buildDir: string = ownBuildDir()): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(buildDir, '.tsbuildinfo')));
  const topics = readdirSync(join(knowledgeDir, 'topics'))
    .sort()
    .map((name) => join('topics', name));
  for (const name of ['checklist.yaml', 'help.yaml', 'synonyms.yaml', ...topics]) {
    hash.update(`\0${name}\0`);
    hash.update(readFileSync(join(knowledgeDir, name)));
  }
  return hash.digest('hex');
}

/** The snapshot's content when it was made from exactly these files and this build; otherwise undefined. */
export function readSnapshot(knowledgeDir: string, buildDir?: string): ContentSources | undefined {
  try {
    const snapshot = JSON.parse(readFileSync(snapshotFile(buildDir), 'utf8')) as Snapshot;
    return snapshot.fingerprint === contentFingerprint(knowledgeDir, buildDir) ? snapshot.sources : undefined;
  } catch {
    // No snapshot, no build record or an unreadable file: the caller parses the YAML as it always could.
    return undefined;
  }
}

export function writeSnapshot(knowledgeDir: string, sources: ContentSources, buildDir?: string): void {
  const snapshot: Snapshot = { fingerprint: contentFingerprint(knowledgeDir, buildDir), sources };
  writeFileSync(snapshotFile(buildDir), JSON.stringify(snapshot));
}

export function removeSnapshot(buildDir?: string): void {
  rmSync(snapshotFile(buildDir), { force: true });
}
