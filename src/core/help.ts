import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { KnowledgeError } from '../errors.js';
import type { Reply } from './messages.js';

const helpSchema = z.object({
  intro: z.string().min(1),
  commands: z.array(z.object({ usage: z.string().min(1), does: z.string().min(1) })).min(1),
});

export type HelpText = z.infer<typeof helpSchema>;

export async function loadHelp(path: string): Promise<HelpText> {
  // Loaded here, not at the top: a start from the content snapshot never parses YAML.
  const { parse: parseYaml } = await import('yaml');
  const parsed = helpSchema.safeParse(parseYaml(await readFile(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KnowledgeError(`${path}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Prefixes whose help is kept: a workspace names its command once, so a handful covers every real one. */
const KEPT_PREFIXES = 8;
const kept = new WeakMap<HelpText, Map<string, Reply>>();

/**
 * The usage, written the way commands are typed on the user's platform. The reply is built once per
 * prefix and frozen, so an adapter may keep its rendering too (help is the most frequent command).
 */
export function helpReply(help: HelpText, prefix: string): Reply {
  let byPrefix = kept.get(help);
  if (!byPrefix) kept.set(help, (byPrefix = new Map<string, Reply>()));
  const known = byPrefix.get(prefix);
  if (known) return known;
  const reply = buildHelp(help, prefix);
  if (byPrefix.size < KEPT_PREFIXES) byPrefix.set(prefix, reply);
  return reply;
}

function buildHelp(help: HelpText, prefix: string): Reply {
  const lines = help.commands.map((c) => `• \`${prefix}${c.usage}\`: ${c.does.replaceAll('{cmd}', prefix)}`);
  return Object.freeze({
    title: 'RustGo: Rust or Go?',
    sections: Object.freeze([help.intro, lines.join('\n')]),
    context: 'Answers come from a curated knowledge base; where the source article is wrong, I say so.',
    ephemeral: true,
  });
}
