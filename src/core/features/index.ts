import type { BoundAction } from '../actions.js';
import type { Context } from '../context.js';
import { helpReply } from '../help.js';
import type { Command } from '../router.js';
import * as checklist from './checklist.js';
import * as decisions from './decisions.js';
import * as knowledge from './knowledge.js';
import * as polls from './polls.js';

/** Every button action with its handler; a button naming anything else is refused (src/core/bot.ts). */
const bound: readonly BoundAction[] = [...checklist.checklistActions, ...polls.pollActions, ...decisions.decisionActions, ...knowledge.knowledgeActions];

export const actions: ReadonlyMap<string, BoundAction> = new Map(bound.map((a) => [a.name, a]));

/** Runs one parsed command. */
export async function runCommand(ctx: Context, command: Command): Promise<void> {
  switch (command.type) {
    case 'help':
      await ctx.reply(helpReply(ctx.deps.help, ctx.incoming.commandPrefix));
      return;
    case 'too-long':
      return ctx.refuse('too_long', { n: command.length });
    case 'checklist':
      if (command.sub === 'show') return checklist.showOrStart(ctx, command.subject);
      if (command.sub === 'restart') return checklist.restart(ctx);
      return checklist.cancel(ctx);
    case 'ask':
      return knowledge.ask(ctx, command.question);
    case 'topics':
      return knowledge.topics(ctx);
    case 'topics-stats':
      return knowledge.topicsStats(ctx);
    case 'topics-misses':
      return knowledge.topicsMisses(ctx);
    case 'poll':
      return polls.startPoll(ctx, command.args);
    case 'results':
      return polls.showResults(ctx);
    case 'close':
      return polls.closeNewest(ctx);
    case 'export':
      return polls.exportNewest(ctx);
    case 'decisions':
      return decisions.listDecisions(ctx, 0);
    case 'decisions-forget':
      return decisions.forget(ctx, command.id);
    case 'polls':
      return decisions.listPolls(ctx);
  }
}
