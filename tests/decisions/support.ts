import type { Bot } from '../../src/core/bot.js';
import type { Conversation, ConversationAccess, Incoming, Reply } from '../../src/core/messages.js';
import { exchange } from '../helpers/core.js';
import { presses, says, type Person } from '../helpers/fake-chat.js';
import { FakeOutbox } from '../polls/support.js';

/** A Slack-like outbox that can open a person's DM with the bot (`D_<user>`). */
export class DmOutbox extends FakeOutbox {
  async directTo(workspaceId: string, userId: string): Promise<Conversation> {
    return { platform: this.platform, workspaceId, channelId: `D_${userId}`, isDirect: true };
  }
}

/** Runs a checklist to its result: `who` picks each question's first answer and moves on. */
export async function finishChecklist(bot: Bot, who: Person, where: Conversation, text = 'checklist'): Promise<Reply> {
  let [question] = await exchange(bot, says(who, text, where));
  for (let step = 0; step < 20; step++) {
    const answer = question?.buttons?.find((b) => b.action === 'checklist.answer');
    if (!answer) break;
    const answered = await exchange(bot, presses(who, answer.action, answer.value, where));
    question = answered.at(-1);
    if (where.isDirect) continue;
    const next = question?.buttons?.find((b) => b.action === 'checklist.next');
    if (!next) throw new Error('no Next button');
    question = (await exchange(bot, presses(who, next.action, next.value, where))).at(-1);
  }
  if (!question?.buttons?.some((b) => b.action === 'checklist.record')) throw new Error(`no result: ${JSON.stringify(question)}`);
  return question;
}

/** Access where the asker belongs to the listed channels only (public ones included by the caller). */
export function memberOf(...channels: string[]): ConversationAccess {
  return { canSee: async (cs) => cs.map((c) => channels.includes(c.channelId)) };
}

/** The same incoming event, with an access capability. */
export const withAccess = (incoming: Incoming, access: ConversationAccess): Incoming => ({ ...incoming, access });

export const withName = (incoming: Incoming, conversationName: string): Incoming => ({ ...incoming, conversationName });
