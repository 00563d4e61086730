import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../src/core/knowledge/errors.js';
import { fieldPath, loadTopics, loadVocabulary, parseTopic, topicDirs } from '../../src/core/knowledge/load.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const knowledge = join(root, 'knowledge');
const fixtures = join(root, 'tests', 'fixtures');
const bad = (name: string) => join(fixtures, 'knowledge-bad', name);

/** Runs `load` and returns the KnowledgeError it throws. */
async function failure(load: () => Promise<unknown>): Promise<KnowledgeError> {
  try {
    await load();
  } catch (err) {
    expect(err).toBeInstanceOf(KnowledgeError);
    return err as KnowledgeError;
  }
  throw new Error('expected the load to fail');
}

describe('built-in knowledge', () => {
  it('GIVEN the built-in folder THEN every topic parses, with a source, and ids are unique', async () => {
    const topics = await loadTopics(topicDirs(knowledge));
    expect(topics.length).toBeGreaterThanOrEqual(25);
    const ids = topics.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of topics) {
      expect(t.source.length, t.id).toBeGreaterThan(0);
      expect(t.body.length, t.id).toBeLessThanOrEqual(1500);
    }
  });

  it('GIVEN the built-in folder THEN every related id resolves to another topic', async () => {
    const topics = await loadTopics(topicDirs(knowledge));
    const ids = new Set(topics.map((t) => t.id));
    for (const t of topics) for (const r of t.related) expect(ids, `${t.id} → ${r}`).toContain(r);
  });

  it('GIVEN a correction THEN it names the claim, the fact and a source', async () => {
    const topics = await loadTopics(topicDirs(knowledge));
    const corrected = topics.filter((t) => t.correction);
    expect(corrected.length).toBeGreaterThanOrEqual(10);
    for (const t of corrected) expect(t.correction?.claim, t.id).toMatch(/^The article/);
  });

  it('GIVEN synonyms.yaml THEN it loads', async () => {
    const vocabulary = await loadVocabulary(join(knowledge, 'synonyms.yaml'));
    expect(vocabulary.groups.length).toBeGreaterThan(10);
    expect(vocabulary.weak).toContain('rust');
  });
});

describe('malformed entries fail with the file and the field', () => {
  const cases: Array<[string, RegExp]> = [
    ['bad-id', /Bad_Id\.md: id: must be a kebab-case id/],
    ['missing-tags', /missing-tags\.md: tags: needs at least one tag/],
    ['dangling-related', /x\.md: related\[1\]: unknown topic "nope"/],
    ['long-body', /long-body\.md: body: /],
    ['no-front-matter', /no-front-matter\.md: \(front matter\)/],
    ['bad-yaml', /bad-yaml\.md: \(front matter\): not valid YAML/],
    ['wrong-file-name', /wrong-file-name\.md: id: "some-other-id" must equal the file name/],
    ['bad-correction', /bad-correction\.md: correction\.fact: /],
  ];
  it.each(cases)('GIVEN fixture %s THEN the error names file and field', async (name, message) => {
    const err = await failure(() => loadTopics([bad(name)]));
    expect(err.message).toMatch(message);
    expect(err.code).toBe('knowledge_invalid');
  });

  it('GIVEN a missing folder THEN the error names the folder', async () => {
    const err = await failure(() => loadTopics([join(fixtures, 'does-not-exist')]));
    expect(err.message).toContain('does-not-exist');
  });

  it('GIVEN an unknown front-matter field THEN it is rejected by name', () => {
    expect(() => parseTopic('---\nid: a\ntitle: T\ntags: [x]\nsource: S\ncolour: red\n---\nBody', 'a.md')).toThrow(/a\.md: .*colour/);
  });

  it('GIVEN a zod path THEN it is printed like code', () => {
    expect(fieldPath(['related', 1])).toBe('related[1]');
    expect(fieldPath(['correction', 'fact'])).toBe('correction.fact');
    expect(fieldPath([])).toBe('(root)');
  });
});

describe('extra folder (KNOWLEDGE_DIR)', () => {
  it('GIVEN an extra folder THEN its topics are added to the built-in ones and may relate to them', async () => {
    const builtIn = await loadTopics(topicDirs(knowledge));
    const all = await loadTopics(topicDirs(knowledge, join(fixtures, 'knowledge-extra')));
    expect(all.length).toBe(builtIn.length + 1);
    expect(all.find((t) => t.id === 'team-oncall-rust')?.related).toEqual(['goroutines']);
  });

  it('GIVEN a duplicate id across two folders THEN the error names both files', async () => {
    const err = await failure(() => loadTopics(topicDirs(knowledge, join(fixtures, 'knowledge-dup'))));
    expect(err.message).toContain(join('knowledge-dup', 'goroutines.md'));
    expect(err.message).toContain(join('knowledge', 'topics', 'goroutines.md'));
    expect(err.message).toMatch(/duplicate topic id "goroutines"/);
  });
});
