import type { ActionHandler, Context } from '../context.js';
import { helpReply } from '../help.js';
import type { Command } from '../router.js';
import * as checklist from './checklist.js';
import * as knowledge from './knowledge.js';
import * as polls from './polls.js';

/** Button actions by name. A button's `action` must be one of these; anything else is refused. */
export const actions: Readonly<Record<string, ActionHandler>> = {
  'checklist.answer': checklist.onAnswer,
  'checklist.next': checklist.onNext,
  'checklist.record': checklist.onRecord,
  'knowledge.ask': knowledge.onAsk,
  'knowledge.feedback': knowledge.onFeedback,
  'knowledge.more': knowledge.onAsk,
  'knowledge.checklist': knowledge.onStartChecklist,
  'poll.vote': polls.onVote,
  'poll.close': polls.onClose,
  'poll.fromChecklist': polls.onPollFromChecklist,
};

/** Runs one parsed command. */
export async function runCommand(ctx: Context, command: Command): Promise<void> {
  switch (command.type) {
    case 'help':
      await ctx.reply(helpReply(ctx.deps.help, ctx.incoming.commandPrefix));
      return;
    case 'too-long':
      await ctx.tell(
        `That message is ${command.length.toLocaleString('en-US')} characters long; I read up to 4,000. Please shorten it and try again.`,
      );
      return;
    case 'checklist':
      if (command.sub === 'show') return checklist.showOrStart(ctx);
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
  }
}
