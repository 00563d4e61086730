import { isoMinute, renderTimes, type Button, type Reply } from '../../src/core/messages.js';
import { TRIMMED_NOTE } from '../../src/core/notices.js';
import { splitText, truncate, truncateEscaped } from '../shared/text.js';

export { splitText };

/**
 * Reply → Block Kit, pure. Every piece of text is escaped (`&`, `<`, `>`): the core never emits
 * Slack markup, so escaping everything is what keeps `<!channel>` or `<@U…>` from pinging.
 */

/** Block Kit limits, in characters unless stated. */
export const LIMITS = {
  headerText: 150,
  sectionText: 3_000,
  contextText: 3_000,
  buttonText: 75,
  buttonValue: 2_000,
  actionId: 255,
  /** Elements in one actions block. */
  actionsPerBlock: 25,
  /** Blocks in one message. */
  blocks: 50,
  /** Slack rejects messages whose blocks exceed about 13k characters (msg_blocks_too_long); keep a margin. */
  blocksJson: 12_000,
  /** The `text` fallback is used for notifications; longer would be noise. */
  fallbackText: 3_000,
} as const;

export type Block = Record<string, unknown>;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/**
 * The JSON text of a message's blocks, kept (not enumerable, so spreads and serialisers skip it)
 * when measuring the blocks produced it: a slash command's ack can then be written without
 * serialising the blocks a second time.
 */
const BLOCKS_JSON = Symbol('rustgo.blocksJson');

/** The blocks' JSON text when rendering kept it. */
export function blocksJsonOf(message: SlackMessage): string | undefined {
  return (message as SlackMessage & { [BLOCKS_JSON]?: string })[BLOCKS_JSON];
}

const NEEDS_ESCAPE = /[&<>]/;

export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const BOLD = /\*\*([^*\n]+?)\*\*/g;

/** The core's markup → Slack mrkdwn: only `**bold**` differs (`_italic_`, `` `code` ``, `• ` are the same). */
export function toMrkdwn(text: string): string {
  const escaped = escapeText(text);
  return slackDates(escaped.includes('**') ? escaped.replace(BOLD, '*$1*') : escaped);
}

/** Time tokens → Slack's date syntax, which each reader sees in their own time zone (UTC as the fallback text). */
export function slackDates(text: string): string {
  return renderTimes(text, (s) => `<!date^${s}^{date_short_pretty} {time}|${isoMinute(s)}>`);
}

/** Markup removed, for the plain `text` fallback. */
export function toPlain(text: string): string {
  const plain = renderTimes(text, isoMinute);
  return escapeText(plain.includes('**') ? plain.replace(BOLD, '$1') : plain);
}

const SEP = '#';

/** action_id is unique per block: `${action}#${index}`; the button's value carries `value`. */
export function encodeActionId(action: string, index: number): string {
  const suffix = `${SEP}${index}`;
  return `${action.slice(0, LIMITS.actionId - suffix.length)}${suffix}`;
}

export function decodeActionId(actionId: string): string {
  const at = actionId.lastIndexOf(SEP);
  return at < 0 ? actionId : actionId.slice(0, at);
}

function buttonElement(button: Button, index: number): Block | undefined {
  // A cut value would be a different, wrong value: a button that cannot carry it is left out.
  if (button.value.length > LIMITS.buttonValue) return undefined;
  const element: Block = {
    type: 'button',
    text: { type: 'plain_text', text: truncateEscaped(button.label.trim(), LIMITS.buttonText, escapeText), emoji: true },
    action_id: encodeActionId(button.action, index),
    value: button.value,
  };
  if (button.style === 'primary' || button.style === 'danger') element.style = button.style;
  return element;
}

function actionBlocks(buttons: readonly Button[]): Block[] {
  const elements = buttons.map(buttonElement).filter((e): e is Block => e !== undefined);
  const blocks: Block[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.actionsPerBlock) {
    blocks.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.actionsPerBlock) });
  }
  return blocks;
}

const sizeOf = (block: Block) => JSON.stringify(block).length + 1;
const size = (blocks: readonly Block[]) => blocks.reduce((n, b) => n + sizeOf(b), 0);

const contextBlock = (text: string): Block => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.contextText) }],
});

const NOTE_SIZE = sizeOf(contextBlock(escapeText(TRIMMED_NOTE)));

function fallback(reply: Reply): string {
  const parts = [reply.title, ...reply.sections].filter((p): p is string => Boolean(p?.trim()));
  const text = parts.length ? parts.join('\n') : reply.context || reply.buttons?.map((b) => b.label).join(' · ') || '…';
  return truncate(toPlain(text), LIMITS.fallbackText);
}

/**
 * Renders a reply within Block Kit's limits: header, sections (split at 3,000 characters),
 * context, then actions. Buttons and the header are kept; sections are trimmed when the message
 * would exceed the block count or size, with a note saying so.
 */
export function renderReply(reply: Reply): SlackMessage {
  const head: Block[] = reply.title
    ? [{ type: 'header', text: { type: 'plain_text', text: truncateEscaped(reply.title.trim(), LIMITS.headerText, escapeText), emoji: true } }]
    : [];
  const tail: Block[] = [...(reply.context ? [contextBlock(toMrkdwn(reply.context))] : []), ...actionBlocks(reply.buttons ?? [])];
  const body: Block[] = reply.sections
    .flatMap((s) => splitText(toMrkdwn(s), LIMITS.sectionText))
    .filter((t) => t.trim() !== '')
    .map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));

  const whole = [...head, ...body, ...tail];
  // Most replies fit whole: one serialisation measures them all (the JSON has one comma per block
  // but the last, so its length less one is the sum of sizeOf), with room left for the note, so the
  // loop in `trimmed` would keep every block too.
  if (whole.length + 1 <= LIMITS.blocks) {
    const json = JSON.stringify(whole);
    if (json.length - 1 + NOTE_SIZE <= LIMITS.blocksJson) {
      const message: SlackMessage = { text: fallback(reply), blocks: whole };
      Object.defineProperty(message, BLOCKS_JSON, { value: json });
      return message;
    }
  }
  return { text: fallback(reply), blocks: trimmed(head, body, tail) };
}

/** Keeps the sections that fit the block count and size, with a note saying the rest was cut. */
function trimmed(head: Block[], body: Block[], tail: Block[]): Block[] {
  const fixed = [...head, ...tail];
  const kept: Block[] = [];
  let used = size(fixed);
  let cut = false;
  for (const block of body) {
    // Each block is measured once: serialising a long section is most of what rendering costs.
    const blockSize = sizeOf(block);
    const roomForNote = body.length - kept.length > 1 ? NOTE_SIZE : 0;
    if (fixed.length + kept.length + 2 > LIMITS.blocks || used + blockSize + roomForNote > LIMITS.blocksJson) {
      cut = true;
      break;
    }
    kept.push(block);
    used += blockSize;
  }
  return [...head, ...kept, ...(cut ? [contextBlock(escapeText(TRIMMED_NOTE))] : []), ...tail].slice(0, LIMITS.blocks);
}
