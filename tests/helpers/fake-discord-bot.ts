import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/index.js';
import type { Incoming, MessageHandler, Reply, Responder } from '../../src/core/messages.js';
import type { AdapterState } from '../../src/health.js';
import { silentLogger, type Logger } from '../../src/logger.js';
import { FakeDiscord } from './fake-discord.js';

export interface DiscordRig {
  readonly fake: FakeDiscord;
  readonly adapter: DiscordAdapter;
  close(): Promise<void>;
}

/** Starts a fake Discord and the real adapter (real discord.js Client) logged in against it. */
export async function startDiscordRig(
  handler: MessageHandler,
  opts: {
    deferAfterMs?: number;
    logger?: Logger;
    prepare?: (fake: FakeDiscord) => void;
    onState?: (state: AdapterState) => void;
  } = {},
): Promise<DiscordRig> {
  const fake = await FakeDiscord.start();
  opts.prepare?.(fake);
  const adapter = createDiscordAdapter(
    { token: fake.token, apiUrl: fake.apiUrl },
    { handler, logger: opts.logger ?? silentLogger(), deferAfterMs: opts.deferAfterMs, onState: opts.onState },
  );
  try {
    await adapter.start();
  } catch (err) {
    await fake.close();
    throw err;
  }
  return {
    fake,
    adapter,
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/**
 * A stand-in for the core until it lands: answers by keyword with every Reply feature, records what
 * it was given, and (like the core) answers an event id once.
 */
export class DemoHandler implements MessageHandler {
  readonly seen: Incoming[] = [];
  private readonly answered = new Set<string>();

  async handle(incoming: Incoming, respond: Responder): Promise<void> {
    this.seen.push(incoming);
    if (this.answered.has(incoming.eventId)) return;
    this.answered.add(incoming.eventId);
    for (const reply of await this.replies(incoming)) await respond.send(reply);
  }

  private async replies(i: Incoming): Promise<Reply[]> {
    if (i.kind === 'button') {
      if (i.button?.action === 'demo.replace') return [{ sections: [`Picked ${i.button.value}`], replaceOriginal: true }];
      return [{ sections: [`Noted, ${i.sender.name}.`], ephemeral: true }];
    }
    const [word] = i.text.split(' ');
    switch (word) {
      case 'help':
        return [{ title: 'RustGo help', sections: [`Try ${i.commandPrefix}checklist`], ephemeral: true }];
      case 'buttons':
        return [{
          sections: ['Pick one'],
          buttons: [
            { label: 'Rust', action: 'demo.replace', value: 'rust', style: 'primary' },
            { label: 'Go', action: 'demo.replace', value: 'go' },
            { label: 'Tell me only', action: 'demo.confirm', value: 'x' },
          ],
        }];
      case 'file':
        return [{ sections: ['Here is the record.'], files: [{ name: 'decision.md', mimeType: 'text/markdown', content: '# Decision\nGo.' }] }];
      case 'slow':
        await new Promise((r) => setTimeout(r, 2500));
        return [{ sections: ['Done thinking.'] }];
      case 'slowhelp':
        await new Promise((r) => setTimeout(r, 2500));
        return [{ sections: ['Private, late.'], ephemeral: true }];
      case 'live':
        return [{ title: 'Live', sections: ['Kept current.'], live: true }];
      case 'slowlive':
        await new Promise((r) => setTimeout(r, 2500));
        return [{ title: 'Live', sections: ['Kept current, late.'], live: true }];
      case 'liveprivate':
        return [{ sections: ['Only for you, kept current.'], live: true, ephemeral: true }];
      case 'boom':
        throw new Error('the core fell over');
      default:
        return [{ sections: [`You asked: ${i.text}`] }];
    }
  }
}

/**
 * A mention asking the demo handler for a file, through the real client and the fake Discord; returns
 * the texts of the files the bot's reply carried (the load-order tests check it under each import order).
 */
export async function fileReplyTexts(): Promise<string[]> {
  const rig = await startDiscordRig(new DemoHandler());
  try {
    const msg = rig.fake.say(rig.fake.world.user(1), 'file');
    const sent = await rig.fake.waitFor((r) => r.json?.message_reference?.message_id === msg.id, 3000);
    return sent.files.map((f) => f.text);
  } finally {
    await rig.close();
  }
}
