import { isoMinute, renderTimes, type Button, type Reply } from '../../src/core/messages.js';

/** One reply as the `--json` mode prints it: one JSON object per line. */
export interface JsonReply {
  title?: string;
  text: string;
  context?: string;
  buttons: Array<{ number: number; label: string }>;
  files: Array<{ name: string; mimeType: string; content: string }>;
  ephemeral: boolean;
  replaces: boolean;
}

/** The core's tiny markup, as plain terminal text. */
export function plain(text: string): string {
  return renderTimes(text, isoMinute)
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|[\s(])_(\S(?:[^_]*\S)?)_(?=$|[\s).,:;!?])/gm, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

export function toJson(reply: Reply): JsonReply {
  return {
    ...(reply.title ? { title: reply.title } : {}),
    text: plain(reply.sections.join('\n\n')),
    ...(reply.context ? { context: plain(reply.context) } : {}),
    buttons: (reply.buttons ?? []).map((b, i) => ({ number: i + 1, label: b.label })),
    files: (reply.files ?? []).map((f) => ({ name: f.name, mimeType: f.mimeType, content: f.content })),
    ephemeral: reply.ephemeral === true,
    replaces: reply.replaceOriginal === true,
  };
}

export interface TextStyle {
  bold(s: string): string;
  dim(s: string): string;
}

export const noStyle: TextStyle = { bold: (s) => s, dim: (s) => s };
export const ansiStyle: TextStyle = { bold: (s) => `\u001b[1m${s}\u001b[22m`, dim: (s) => `\u001b[2m${s}\u001b[22m` };

/** A reply as readable terminal lines; buttons become numbered choices. */
export function toText(reply: Reply, style: TextStyle = noStyle): string {
  const out: string[] = [];
  if (reply.title) out.push(style.bold(reply.title));
  for (const section of reply.sections) out.push(plain(section));
  if (reply.context) out.push(style.dim(plain(reply.context)));
  const buttons: readonly Button[] = reply.buttons ?? [];
  if (buttons.length > 0) out.push(buttons.map((b, i) => `  [${i + 1}] ${b.label}`).join('\n'));
  for (const file of reply.files ?? []) {
    out.push(style.dim(`--- file: ${file.name} ---`), file.content.trimEnd(), style.dim(`--- end of ${file.name} ---`));
  }
  return `${out.join('\n')}\n`;
}
