import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { KnowledgeError } from '../errors.js';
import type { Reply } from './messages.js';

const helpSchema = z.object({
  intro: z.string().min(1),
  commands: z.array(z.object({ usage: z.string().min(1), does: z.string().min(1) })).min(1),
});

export type HelpText = z.infer<typeof helpSchema>;

export async function loadHelp(path: string): Promise<HelpText> {
  const parsed = helpSchema.safeParse(parseYaml(await readFile(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KnowledgeError(`${path}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** The usage, written the way commands are typed on the user's platform. */
export function helpReply(help: HelpText, prefix: string): Reply {
  const lines = help.commands.map((c) => `• \`${prefix}${c.usage}\`: ${c.does.replaceAll('{cmd}', prefix)}`);
  return {
    title: 'RustGo: Rust or Go?',
    sections: [help.intro, lines.join('\n')],
    context: 'Answers come from a curated knowledge base; where the source article is wrong, I say so.',
    ephemeral: true,
  };
}
