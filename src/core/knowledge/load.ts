import { constants, type Stats } from 'node:fs';
import { open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { KnowledgeError } from './errors.js';
import { topicSchema, vocabularySchema, type Topic, type Vocabulary } from './schema.js';
import { createKnowledgeIndex, type KnowledgeIndex } from './search.js';
import { unlistedCitation } from './sentences.js';

/** `---` on the first line, the YAML, `---` on its own line, then the body. */
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/**
 * The folders to read topics from: `<builtIn>/topics` and, when set, the team's extra folder
 * (the KNOWLEDGE_DIR setting), whose `*.md` files sit directly inside it.
 */
export function topicDirs(builtInKnowledgeDir: string, extraDir?: string): string[] {
  const dirs = [join(builtInKnowledgeDir, 'topics')];
  if (extraDir) dirs.push(extraDir);
  return dirs;
}

/**
 * Loads the knowledge base and builds its search index: the built-in topics and synonyms under
 * `builtInKnowledgeDir`, plus the team's own topics in `extraDir` (the KNOWLEDGE_DIR setting).
 */
export async function loadKnowledge(builtInKnowledgeDir: string, extraDir?: string): Promise<KnowledgeIndex> {
  const [topics, vocabulary] = await Promise.all([
    loadTopics(topicDirs(builtInKnowledgeDir, extraDir)),
    loadVocabulary(join(builtInKnowledgeDir, 'synonyms.yaml')),
  ]);
  return createKnowledgeIndex(topics, vocabulary);
}

/**
 * Reads and validates every `*.md` topic in the given folders. Throws a `KnowledgeError` naming the
 * file and field for a malformed entry, both files for a duplicate id, and dangling `related` ids.
 */
export async function loadTopics(dirs: readonly string[]): Promise<Topic[]> {
  const files: string[] = [];
  for (const dir of dirs) files.push(...(await markdownFiles(dir)));
  const loaded = await Promise.all(files.map(async (file) => ({ file, topic: parseTopic(await readText(file), file) })));
  checkIds(loaded);
  return loaded.map((l) => l.topic);
}

/** Reads `knowledge/synonyms.yaml`. */
export async function loadVocabulary(file: string): Promise<Vocabulary> {
  let data: unknown;
  try {
    data = parseYaml(await readText(file));
  } catch (cause) {
    if (cause instanceof KnowledgeError) throw cause;
    throw new KnowledgeError(`${file}: cannot be read as YAML (${(cause as Error).message})`, { cause });
  }
  return validate(vocabularySchema, data ?? {}, file);
}

/** Parses one topic file's text; `file` is only used in error messages. */
export function parseTopic(source: string, file: string): Topic {
  const match = FRONT_MATTER.exec(source);
  if (!match) throw new KnowledgeError(`${file}: (front matter): the file must start with a "---" YAML block closed by "---"`);
  let frontMatter: unknown;
  try {
    frontMatter = parseYaml(match[1] ?? '');
  } catch (cause) {
    throw new KnowledgeError(`${file}: (front matter): not valid YAML (${(cause as Error).message})`, { cause });
  }
  if (typeof frontMatter !== 'object' || frontMatter === null || Array.isArray(frontMatter)) {
    throw new KnowledgeError(`${file}: (front matter): must be a YAML mapping of fields`);
  }
  const topic = validate(topicSchema, { ...frontMatter, body: (match[2] ?? '').trim() }, file);
  const expected = baseName(file);
  if (topic.id !== expected) throw new KnowledgeError(`${file}: id: "${topic.id}" must equal the file name "${expected}"`);
  const unlisted = unlistedCitation(topic);
  if (unlisted) throw new KnowledgeError(`${file}: sources: cites "${unlisted}", which is not listed in sources`);
  return topic;
}

function validate<S extends z.ZodType>(schema: S, data: unknown, file: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new KnowledgeError(`${file}: ${fieldPath(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`);
}

/** `['related', 1]` → `related[1]`, `['correction', 'fact']` → `correction.fact`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function checkIds(loaded: ReadonlyArray<{ file: string; topic: Topic }>): void {
  const fileOf = new Map<string, string>();
  for (const { file, topic } of loaded) {
    const other = fileOf.get(topic.id);
    if (other) throw new KnowledgeError(`${file}: id: duplicate topic id "${topic.id}", also defined in ${other}`);
    fileOf.set(topic.id, file);
  }
  for (const { file, topic } of loaded) {
    topic.related.forEach((id, i) => {
      if (!fileOf.has(id)) throw new KnowledgeError(`${file}: related[${i}]: unknown topic "${id}"`);
      if (id === topic.id) throw new KnowledgeError(`${file}: related[${i}]: a topic cannot be related to itself`);
    });
  }
}

async function markdownFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (cause) {
    throw new KnowledgeError(`${dir}: cannot read the knowledge folder (${(cause as Error).message})`, { cause });
  }
  return names
    .filter((n) => n.endsWith('.md') && !n.startsWith('.'))
    .sort()
    .map((n) => join(dir, n));
}

/** A knowledge file larger than this is refused: topics are short notes, and the index is kept in memory. */
export const MAX_KNOWLEDGE_FILE_BYTES = 64 * 1024;

/**
 * Reads one knowledge file, refusing anything but a regular file of at most 64 KB. The file is opened
 * without blocking and checked through its own handle, so a FIFO named `x.md` is refused instead of
 * waiting forever for a writer, and a file swapped after the check is not read unchecked.
 */
async function readText(file: string): Promise<string> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (!info.isFile()) throw new KnowledgeError(`${file}: not a regular file (${kindOf(info)}); knowledge files must be regular files`);
    if (info.size > MAX_KNOWLEDGE_FILE_BYTES) {
      throw new KnowledgeError(`${file}: ${info.size} bytes; a knowledge file can be at most ${MAX_KNOWLEDGE_FILE_BYTES} bytes (64 KB)`);
    }
    return await handle.readFile('utf8');
  } catch (cause) {
    if (cause instanceof KnowledgeError) throw cause;
    throw new KnowledgeError(`${file}: cannot be read (${(cause as Error).message})`, { cause });
  } finally {
    await handle?.close();
  }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isDirectory()) return 'a folder';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a file';
}

function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.md$/, '');
}
