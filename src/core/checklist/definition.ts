import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { KnowledgeError } from '../../errors.js';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'a kebab-case id' });

const optionSchema = z.object({
  id,
  /** Read on a button: short enough for every platform (Discord allows 80). */
  label: z.string().min(1).max(40),
  weights: z.object({ rust: z.number().int().min(0).max(5), go: z.number().int().min(0).max(5) }),
  reason: z.string().min(10).max(400),
  source: z.string().min(3),
  topics: z.array(id).default([]),
});

const questionSchema = z.object({
  id,
  prompt: z.string().min(5).max(200),
  optional: z.boolean().default(false),
  options: z.array(optionSchema).min(2).max(4),
});

const checklistSchema = z
  .object({
    version: z.literal(1),
    title: z.string().min(3),
    source: z.string().min(3),
    questions: z.array(questionSchema).min(4).max(10),
  })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.questions.forEach((q, qi) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', qi, 'id'], message: `duplicate question id "${q.id}"` });
      seen.add(q.id);
      const options = new Set<string>();
      q.options.forEach((o, oi) => {
        if (options.has(o.id)) {
          ctx.addIssue({ code: 'custom', path: ['questions', qi, 'options', oi, 'id'], message: `duplicate option id "${o.id}"` });
        }
        options.add(o.id);
      });
    });
  });

export type Checklist = z.infer<typeof checklistSchema>;
export type Question = Checklist['questions'][number];
export type Option = Question['options'][number];

/** Reads and validates the checklist; a bad file fails start-up naming the file and the field. */
export async function loadChecklist(path: string): Promise<Checklist> {
  // Loaded here, not at the top: a start from the content snapshot never parses YAML.
  const { parse: parseYaml } = await import('yaml');
  let data: unknown;
  try {
    data = parseYaml(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new KnowledgeError(`${path}: cannot be read as YAML (${(cause as Error).message})`, { cause });
  }
  return parseChecklist(data, path);
}

function parseChecklist(data: unknown, path: string): Checklist {
  const parsed = checklistSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(root)';
    throw new KnowledgeError(`${path}: ${field}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Checks that every `topics` reference names a known topic id; returns the problems found. */
export function danglingTopicLinks(list: Checklist, topicIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const q of list.questions) {
    for (const o of q.options) {
      for (const t of o.topics) {
        if (!topicIds.has(t)) problems.push(`questions.${q.id}.options.${o.id}.topics: unknown topic "${t}"`);
      }
    }
  }
  return problems;
}
