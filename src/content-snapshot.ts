import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Checklist } from './core/checklist/definition.js';
import type { HelpText } from './core/help.js';
import type { Topic, Vocabulary } from './core/knowledge/schema.js';
import { packageRoot } from './paths.js';

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
 * Where the build keeps the validated content as JSON. Parsing the YAML cold was the largest single
 * cost of start-up (several times the rest of the content work), and JSON.parse of the same data
 * costs about a millisecond.
 */
export const snapshotFile = (root: string = packageRoot()): string => join(root, 'dist', 'content-snapshot.json');

/**
 * What the snapshot was made from: every built-in content file (name and bytes) and the compiled
 * code's build record, so an edited topic or a rebuilt loader makes the snapshot stale instead of wrong.
 */
export function contentFingerprint(knowledgeDir: string, root: string = packageRoot()): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(root, 'dist', '.tsbuildinfo')));
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
export function readSnapshot(knowledgeDir: string, root?: string): ContentSources | undefined {
  try {
    const snapshot = JSON.parse(readFileSync(snapshotFile(root), 'utf8')) as Snapshot;
    return snapshot.fingerprint === contentFingerprint(knowledgeDir, root) ? snapshot.sources : undefined;
  } catch {
    // No snapshot, no build record or an unreadable file: the caller parses the YAML as it always could.
    return undefined;
  }
}

export function writeSnapshot(knowledgeDir: string, sources: ContentSources, root?: string): void {
  const snapshot: Snapshot = { fingerprint: contentFingerprint(knowledgeDir, root), sources };
  writeFileSync(snapshotFile(root), JSON.stringify(snapshot));
}

export function removeSnapshot(root?: string): void {
  rmSync(snapshotFile(root), { force: true });
}
