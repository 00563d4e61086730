import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../adapters/console/index.js';
import type { JsonReply } from '../../adapters/console/render.js';
import { silentLogger } from '../../src/logger.js';
import { RecordingHandler, type ContractHarness, type Observed, type Where } from './harness.js';

const TERMINAL: Where = { workspaceId: 'local', channelId: 'terminal', isDirect: true };

/**
 * The real console adapter in `--json` mode on in-memory streams: each input line is a person
 * typing, each output line one reply. A terminal has one person, one conversation and no edits.
 */
export async function consoleContractHarness(): Promise<ContractHarness> {
  const handler = new RecordingHandler();
  const input = new PassThrough();
  const output = new PassThrough();
  const lines: JsonReply[] = [];
  let partial = '';
  output.on('data', (chunk: Buffer) => {
    const text = partial + String(chunk);
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete) if (line.trim()) lines.push(JSON.parse(line) as JsonReply);
  });
  const adapter = createConsoleAdapter({ handler, logger: silentLogger(), input, output, json: true, interactive: false });
  await adapter.start();

  /** The adapter numbers what it prints that is not ephemeral: m1, m2…, as the handles it returns. */
  function observed(): Observed[] {
    let n = 0;
    return lines.map((line) => ({
      messageId: line.ephemeral ? undefined : `m${++n}`,
      where: TERMINAL,
      ephemeral: line.ephemeral,
      text: [line.title ?? '', line.text, line.context ?? ''].join('\n'),
      buttons: line.buttons.map((b) => b.label),
      files: line.files.map((f) => ({ name: f.name, content: f.content })),
      pings: [],
      violations: [],
    }));
  }

  const type = async (text: string) => void input.write(`${text}\n`);

  return {
    handler,
    outbox: adapter.outbox,
    pingText: '@everyone @here <!channel>',
    capabilities: {
      messagePlaces: ['direct'],
      commandPlaces: [],
      foreignAuthors: { unsupported: 'a terminal has one author, the person typing; the bot’s output never comes back as input' },
      redelivery: { unsupported: 'a line typed once is read once' },
      ephemeralMessageReplies: true,
      editsInPlace: { unsupported: 'a terminal cannot change what it printed; an edit or replacement is printed anew' },
      workspaces: { unsupported: 'the terminal is one conversation in the `local` workspace' },
    },
    async deliver({ text }) {
      await type(text);
      return { where: TERMINAL };
    },
    async press(_message, label) {
      // Buttons are pressed by typing their label (or number); the latest choices are the live ones.
      await type(label);
      return { where: TERMINAL };
    },
    async idle() {
      // A line written to the input reaches readline on a later tick; then the adapter answers it.
      await new Promise((r) => setImmediate(r));
      await adapter.idle();
    },
    watch() {
      const from = lines.length;
      return () => observed().slice(from);
    },
    async close() {
      input.end();
      await adapter.done;
      await adapter.stop();
    },
  };
}
