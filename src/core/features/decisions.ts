import { decisionsHowto, decisionsMore, decisionsRecord, type BoundAction } from '../actions.js';
import type { Context } from '../context.js';
import { visibleDecisions, visibleOpenWork } from '../decisions/gather.js';
import { forgetDecision, type Decision } from '../decisions/record.js';
import { decisionsPage, openPollsReply } from '../decisions/render.js';
import type { Asker } from '../decisions/visibility.js';
import type { Reply } from '../messages.js';
import { cmd, userText } from '../text.js';

/** `decisions`, `decisions forget ID`, `polls` and the log's buttons. */

export const askerOf = (ctx: Context): Asker => ({
  platform: ctx.incoming.conversation.platform,
  workspaceId: ctx.incoming.conversation.workspaceId,
  here: ctx.incoming.conversation,
  access: ctx.incoming.access,
});

export async function listDecisions(ctx: Context, offset: number): Promise<void> {
  const all = await visibleDecisions(ctx.deps.records, askerOf(ctx));
  await ctx.reply(decisionsPage(all, Math.min(offset, Math.max(0, all.length - 1)), ctx.incoming.commandPrefix));
}

export async function listPolls(ctx: Context): Promise<void> {
  const { polls } = await visibleOpenWork(ctx.deps.records, askerOf(ctx));
  await ctx.reply(openPollsReply(polls));
}

/** A decision of this workspace the asker may see; undefined after telling them it is not there. */
async function findVisible(ctx: Context, id: string): Promise<Decision | undefined> {
  const found = (await visibleDecisions(ctx.deps.records, askerOf(ctx))).find((d) => d.id === id);
  if (!found) await ctx.tell(`I have no decision \`${userText(id, 16)}\` that you can see. ${cmd(ctx.incoming.commandPrefix, 'decisions')} lists them.`);
  return found;
}

export async function forget(ctx: Context, id: string): Promise<void> {
  const decision = await findVisible(ctx, id);
  if (!decision) return;
  const { sender } = ctx.incoming;
  if (decision.startedBy !== sender.id && !(await sender.isAdmin())) {
    return ctx.tell('Only the person who started that checklist or poll, or an admin, can remove its decision.');
  }
  await forgetDecision(ctx.deps.records, decision);
  await ctx.tell(`Removed decision \`${decision.id}\` (${userText(decision.subject, 100)}) from the log.`);
}

/**
 * Sends the record to the asker alone: in their DM with the bot where the platform has one, and
 * where it has not (the terminal) as a file right here.
 */
async function deliverPrivately(ctx: Context, reply: Reply): Promise<void> {
  const { conversation, sender } = ctx.incoming;
  const outbox = ctx.deps.outboxes.get(conversation.platform);
  if (conversation.isDirect || !outbox?.directTo) return void (await ctx.reply(reply));
  const dm = await outbox.directTo(conversation.workspaceId, sender.id);
  if (!dm) return ctx.tell("I couldn't open a direct message with you, so I can't send the record. Message me directly and press the button again.");
  await outbox.post(dm, reply);
  await ctx.tell('I sent the decision record to our direct messages.');
}

async function onRecord(ctx: Context, value: string): Promise<void> {
  const decision = await findVisible(ctx, value);
  if (!decision) return;
  await deliverPrivately(ctx, {
    sections: [`The decision record for **${userText(decision.subject, 100)}** (\`${decision.id}\`), as it was written when the decision was made.`],
    files: [{ name: decision.adr.name, mimeType: 'text/markdown', content: decision.adr.content }],
  });
}

async function onHowTo(ctx: Context): Promise<void> {
  const p = ctx.incoming.commandPrefix;
  await ctx.reply({
    title: 'Getting started',
    sections: [
      `Type ${cmd(p, 'checklist for billing service')} in a channel to decide together, or here to try it on your own.`,
      `${cmd(p, 'poll remind for 1d Which language? | Rust | Go')} asks the team and nudges it once before it closes.`,
      `${cmd(p, 'decisions')} finds past decisions and their records; ${cmd(p, 'polls')} shows what is still open; ${cmd(p, 'help')} shows everything else.`,
    ],
  });
}

export const decisionActions: readonly BoundAction[] = [
  decisionsRecord.handledBy(onRecord),
  decisionsMore.handledBy((ctx, offset) => listDecisions(ctx, offset)),
  decisionsHowto.handledBy((ctx) => onHowTo(ctx)),
];
