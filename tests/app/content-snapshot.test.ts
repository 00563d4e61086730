import { appendFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContentSources } from '../../src/content-sources.js';
import { readSnapshot, writeSnapshot } from '../../src/content-snapshot.js';
import { builtInKnowledgeDir } from '../../src/paths.js';

/** A build of its own: a copy of the built-in knowledge and a build folder with a stand-in build record. */
function scratchRoot(): { root: string; knowledge: string } {
  const scratch = mkdtempSync(join(tmpdir(), 'rustgo-snapshot-'));
  const knowledge = join(scratch, 'knowledge');
  cpSync(builtInKnowledgeDir(), knowledge, { recursive: true });
  const root = join(scratch, 'dist');
  mkdirSync(root);
  writeFileSync(join(root, '.tsbuildinfo'), '{"version":"build one"}');
  return { root, knowledge };
}

async function snapshotted(): Promise<{ root: string; knowledge: string }> {
  const scratch = scratchRoot();
  writeSnapshot(scratch.knowledge, await parseContentSources(scratch.knowledge), scratch.root);
  return scratch;
}

describe('the content snapshot the build writes', () => {
  it('GIVEN a snapshot of unchanged files THEN it holds exactly what parsing the files gives', async () => {
    const { root, knowledge } = await snapshotted();
    const fromSnapshot = readSnapshot(knowledge, root);
    expect(fromSnapshot).toBeDefined();
    expect(fromSnapshot).toEqual(await parseContentSources(knowledge));
  });

  it('GIVEN a topic edited after the snapshot THEN the snapshot is not used', async () => {
    const { root, knowledge } = await snapshotted();
    appendFileSync(join(knowledge, 'topics', 'aws-lambda.md'), '\nOne more line.\n');
    expect(readSnapshot(knowledge, root)).toBeUndefined();
  });

  it('GIVEN a topic file added after the snapshot THEN the snapshot is not used', async () => {
    const { root, knowledge } = await snapshotted();
    cpSync(join(knowledge, 'topics', 'aws-lambda.md'), join(knowledge, 'topics', 'zz-copy.md'));
    expect(readSnapshot(knowledge, root)).toBeUndefined();
  });

  it('GIVEN the code rebuilt after the snapshot THEN the snapshot is not used', async () => {
    const { root, knowledge } = await snapshotted();
    writeFileSync(join(root, '.tsbuildinfo'), '{"version":"build two"}');
    expect(readSnapshot(knowledge, root)).toBeUndefined();
  });

  it('GIVEN the code run from its TypeScript sources THEN no snapshot is read, whatever dist/ holds', () => {
    expect(readSnapshot(builtInKnowledgeDir())).toBeUndefined();
  });

  it('GIVEN no snapshot or a damaged one THEN nothing is read from it', () => {
    const { root, knowledge } = scratchRoot();
    expect(readSnapshot(knowledge, root)).toBeUndefined();
    writeFileSync(join(root, 'content-snapshot.json'), '{"fingerprint":');
    expect(readSnapshot(knowledge, root)).toBeUndefined();
  });
});
