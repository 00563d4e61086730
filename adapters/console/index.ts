import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Button, ChatAdapter, Conversation, Incoming, MessageHandle, MessageHandler, Outbox, Reply } from '../../src/core/messages.js';
import { ansiStyle, noStyle, toJson, toText } from './render.js';

export interface ConsoleOptions {
  handler: MessageHandler;
  logger: Logger;
  input: Readable;
  output: Writable;
  /** One JSON object per reply instead of text. */
  json: boolean;
  /** A person at a terminal: show a prompt and colours. */
  interactive: boolean;
  /** Called once the input has ended and every line has been answered. */
  onEnd?: () => void;
}

const CONVERSATION: Conversation = { platform: 'console', workspaceId: 'local', channelId: 'terminal', isDirect: true };

/**
 * Chat with the bot in a terminal. Each input line is one message; buttons are printed as
 * numbered choices and pressed by typing their number or label.
 */
export function createConsoleAdapter(options: ConsoleOptions): ChatAdapter & { outbox: Outbox; done: Promise<void>; idle(): Promise<void> } {
  const { handler, output, json, interactive } = options;
  const style = interactive && !json ? ansiStyle : noStyle;
  const run = randomBytes(4).toString('hex');
  let counter = 0;
  let messageCounter = 0;
  let choices: readonly Button[] = [];
  const user = { id: `local-${safeUserName()}`, name: safeUserName(), isAdmin: () => Promise.resolve(true) };
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  let rl: ReturnType<typeof createInterface> | undefined;
  /** The lines read so far, answered one after another. */
  let queue = Promise.resolve();

  function print(reply: Reply): MessageHandle | undefined {
    if (reply.buttons?.length) choices = reply.buttons;
    output.write(json ? `${JSON.stringify(toJson(reply))}\n` : `${toText(reply, style)}\n`);
    return reply.ephemeral ? undefined : { conversation: CONVERSATION, messageId: `m${++messageCounter}` };
  }

  const toIncoming = (line: string): Incoming =>
    lineIncoming(line, choices, { eventId: `${run}-${++counter}`, conversation: CONVERSATION, sender: user, commandPrefix: '' });

  const outbox: Outbox = {
    platform: 'console',
    post: async (_conversation, reply) => print(reply),
    update: async (_message, reply) => void print(reply),
  };

  return {
    platform: 'console',
    outbox,
    done,
    async start() {
      rl = createInterface({ input: options.input, terminal: false });
      if (interactive && !json) {
        output.write(style.dim('RustGo in your terminal. Type help to begin, Ctrl+D to quit.\n'));
        output.write('> ');
      }
      rl.on('line', (line) => {
        queue = queue.then(async () => {
          if (line.trim() === '' && !interactive) return;
          await handler.handle(toIncoming(line), { send: async (reply) => print(reply) });
          if (interactive && !json) output.write('> ');
        });
      });
      rl.on('close', () => {
        void queue.then(() => {
          finished();
          options.onEnd?.();
        });
      });
    },
    /** Resolves once every line read so far has been answered. */
    idle: () => drained(() => queue),
    async stop() {
      rl?.close();
    },
  };
}

/** Resolves once the chain `current()` returns no longer grows: each link awaited, later ones included. */
async function drained(current: () => Promise<void>): Promise<void> {
  let seen: Promise<void> | undefined;
  while (seen !== current()) {
    seen = current();
    await seen.catch(() => undefined);
  }
}

/** The button a line presses (by its number or its label), or else the line as a direct message. */
function lineIncoming(
  line: string,
  choices: readonly Button[],
  base: { eventId: string; conversation: Conversation; sender: Incoming['sender']; commandPrefix: string },
): Incoming {
  const trimmed = line.trim();
  const byNumber = /^\d{1,2}$/.test(trimmed) ? choices[Number(trimmed) - 1] : undefined;
  const pressed = byNumber ?? choices.find((b) => b.label.toLowerCase() === trimmed.toLowerCase());
  if (pressed) return { ...base, kind: 'button', text: '', button: { action: pressed.action, value: pressed.value } };
  return { ...base, kind: 'direct', text: line };
}

function safeUserName(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '') || 'you';
  } catch {
    return 'you';
  }
}
