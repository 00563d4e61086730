import { join } from 'node:path';
import { createBot } from '../src/core/bot.js';
import { loadChecklist } from '../src/core/checklist/definition.js';
import { systemClock } from '../src/core/context.js';
import { loadHelp } from '../src/core/help.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import type { Conversation, Incoming, Reply, Responder } from '../src/core/messages.js';
import { silentLogger } from '../src/logger.js';
import { builtInKnowledgeDir } from '../src/paths.js';
import type { Store } from '../src/state/store.js';
import { round } from './stats.js';

export interface CoreBenchResult {
  messages: number;
  messagesPerSecond: number;
}

/**
 * Core messages per second: many users, each in their own DM, run the whole checklist
 * (the command plus one button press per question), all users at once.
 */
export async function benchCore(store: Store, users = 200): Promise<CoreBenchResult> {
  const dir = builtInKnowledgeDir();
  const checklist = await loadChecklist(join(dir, 'checklist.yaml'));
  const bot = createBot({
    store,
    logger: silentLogger(),
    clock: systemClock,
    checklist,
    help: await loadHelp(join(dir, 'help.yaml')),
    knowledge: await loadKnowledge(dir),
    rateLimitPerMinute: 1_000_000,
  });
  let counter = 0;
  let messages = 0;
  const run = Date.now().toString(36);

  async function send(conversation: Conversation, user: string, part: Partial<Incoming>): Promise<Reply | undefined> {
    let last: Reply | undefined;
    const responder: Responder = {
      send: async (reply) => {
        last = reply;
        return { conversation, messageId: 'm' };
      },
    };
    messages++;
    await bot.handle(
      {
        eventId: `${run}-${++counter}`,
        conversation,
        sender: { id: user, name: user, isAdmin: async () => false },
        kind: 'direct',
        text: '',
        commandPrefix: '',
        ...part,
      },
      responder,
    );
    return last;
  }

  async function oneUser(i: number): Promise<void> {
    const user = `U${run}${i}`;
    const conversation: Conversation = { platform: 'slack', workspaceId: 'TBENCH', channelId: `D${run}${i}`, isDirect: true };
    let reply = await send(conversation, user, { text: 'checklist' });
    for (let step = 0; step < checklist.questions.length; step++) {
      const choice = reply?.buttons?.[i % 3];
      if (!choice) throw new Error(`bench: no button at step ${step}`);
      reply = await send(conversation, user, { kind: 'button', button: { action: choice.action, value: choice.value } });
    }
    if (!reply?.title?.startsWith('Recommendation')) throw new Error('bench: checklist did not finish');
  }

  const started = performance.now();
  await Promise.all(Array.from({ length: users }, (_, i) => oneUser(i)));
  const seconds = (performance.now() - started) / 1000;
  return { messages, messagesPerSecond: round(messages / seconds, 0) };
}
