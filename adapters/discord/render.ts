import {
  ButtonStyle as DiscordButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type BaseMessageOptions,
  type MessageMentionOptions,
} from 'discord.js';
import { renderTimes, type Button, type ButtonStyle, type Reply } from '../../src/core/messages.js';
import { splitText, truncate } from '../shared/text.js';

/** Discord's documented limits, in characters (UTF-16 code units, which never undercount). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  embedTotal: 6000,
  embedsPerMessage: 10,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** Between action and value in a button's custom id; actions never contain it, values may. */
export const CUSTOM_ID_SEPARATOR = '|';

/** Pings no one: not @everyone/@here, roles or users named in the text, nor the replied-to author. */
export const NO_PINGS: MessageMentionOptions = Object.freeze({ parse: [], repliedUser: false });

const EMBED_COLOUR = 0x4f7cac;

export interface RenderedFile {
  readonly name: string;
  readonly data: Buffer;
  readonly contentType: string;
}

/** A Reply turned into one Discord message, independent of how it is delivered. */
export interface RenderedMessage {
  /** Empty when the text is carried by embeds. */
  readonly content: string;
  readonly embeds: readonly APIEmbed[];
  readonly components: readonly APIActionRowComponent<APIButtonComponentWithCustomId>[];
  readonly files: readonly RenderedFile[];
  /** Buttons left out because they did not fit (too many, or an over-long custom id). */
  readonly droppedButtons: number;
}

export function encodeCustomId(action: string, value: string): string | undefined {
  const id = `${action}${CUSTOM_ID_SEPARATOR}${value}`;
  return action !== '' && id.length <= LIMITS.customId ? id : undefined;
}

export function decodeCustomId(customId: string): { action: string; value: string } | undefined {
  const at = customId.indexOf(CUSTOM_ID_SEPARATOR);
  if (at <= 0 || customId.length > LIMITS.customId) return undefined;
  return { action: customId.slice(0, at), value: customId.slice(at + 1) };
}

function subtext(context: string): string {
  return context
    .split('\n')
    .map((line) => `-# ${line}`)
    .join('\n');
}

/** Packs the body into embed descriptions within the per-embed and per-message limits. */
function descriptions(body: string, budget: number): string[] {
  const out: string[] = [];
  let left = budget;
  for (const piece of splitText(body, LIMITS.embedDescription)) {
    if (left <= 1 || out.length === LIMITS.embedsPerMessage) break;
    const text = piece.length <= left ? piece : truncate(piece, left);
    out.push(text);
    left -= text.length;
    if (text !== piece) break;
  }
  return out;
}

function embedsFor(reply: Reply, body: string): APIEmbed[] {
  const title = reply.title ? truncate(reply.title, LIMITS.embedTitle) : undefined;
  const footer = reply.context ? truncate(reply.context, LIMITS.embedFooter) : undefined;
  const budget = LIMITS.embedTotal - (title?.length ?? 0) - (footer?.length ?? 0);
  const parts = body === '' ? [] : descriptions(body, budget);
  const count = Math.max(parts.length, 1);
  return Array.from({ length: count }, (_, i) => {
    const embed: APIEmbed = { color: EMBED_COLOUR };
    if (i === 0 && title) embed.title = title;
    const description = parts[i];
    if (description) embed.description = description;
    if (i === count - 1 && footer) embed.footer = { text: footer };
    return embed;
  });
}

const STYLES: Record<ButtonStyle, APIButtonComponentWithCustomId['style']> = {
  primary: DiscordButtonStyle.Primary,
  danger: DiscordButtonStyle.Danger,
  default: DiscordButtonStyle.Secondary,
};

function rows(buttons: readonly Button[]): {
  rows: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  dropped: number;
} {
  const seen = new Set<string>();
  const made: APIButtonComponentWithCustomId[] = [];
  for (const b of buttons) {
    const customId = encodeCustomId(b.action, b.value);
    // Discord rejects a whole message whose custom ids repeat, so a repeat is left out.
    if (!customId || seen.has(customId) || made.length === LIMITS.buttonsPerRow * LIMITS.rowsPerMessage) continue;
    seen.add(customId);
    made.push({
      type: ComponentType.Button,
      custom_id: customId,
      label: truncate(b.label.trim() || '…', LIMITS.buttonLabel),
      style: STYLES[b.style ?? 'default'],
    });
  }
  const out: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < made.length; i += LIMITS.buttonsPerRow) {
    out.push({ type: ComponentType.ActionRow, components: made.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return { rows: out, dropped: buttons.length - made.length };
}

const timestamp = (text: string) => renderTimes(text, (s) => `<t:${s}:f>`);

/**
 * Time tokens → `<t:…:f>`, shown in each reader's time zone. Discord renders them in content and
 * descriptions but not in embed footers, so small print holding one moves into the body as subtext.
 */
function discordTimes(reply: Reply): Reply {
  const sections = reply.sections.map(timestamp);
  if (!reply.context || renderTimes(reply.context, () => '') === reply.context) return { ...reply, sections };
  return { ...reply, sections: [...sections, subtext(timestamp(reply.context))], context: undefined };
}

/**
 * Short untitled replies become plain content (context as small print); titled or long ones an
 * embed, split across embeds past 4,096 characters and trimmed past the 6,000 a message allows.
 */
export function renderReply(given: Reply): RenderedMessage {
  const reply = discordTimes(given);
  const body = reply.sections.filter((s) => s.trim() !== '').join('\n\n');
  const plain = reply.context ? [body, subtext(reply.context)].filter(Boolean).join('\n') : body;
  const useContent = !reply.title && plain.length <= LIMITS.content && plain !== '';
  const buttons = rows(reply.buttons ?? []);
  return {
    content: useContent ? plain : '',
    embeds: useContent ? [] : embedsFor(reply, body),
    components: buttons.rows,
    files: (reply.files ?? []).map((f) => ({
      name: f.name,
      data: Buffer.from(f.content, 'utf8'),
      contentType: f.mimeType,
    })),
    droppedButtons: buttons.dropped,
  };
}

/**
 * The discord.js options for a rendered message. `forEdit` also clears the edited message's old
 * content when the new one is all embeds.
 */
export function messageOptions(m: RenderedMessage, forEdit = false): BaseMessageOptions {
  const options: BaseMessageOptions = {
    embeds: [...m.embeds],
    components: [...m.components],
    allowedMentions: NO_PINGS,
  };
  const withContent = m.content !== '' || forEdit ? { ...options, content: m.content } : options;
  return m.files.length > 0
    ? { ...withContent, files: m.files.map((f) => ({ attachment: f.data, name: f.name })) }
    : withContent;
}
