import { decisionRecord, type ChecklistResult } from '../checklist/record.js';
import { RESULT } from '../checklist/records.js';
import { RECOMMENDATION_LABEL } from '../checklist/render.js';
import { scoreAnswers, type Score } from '../checklist/score.js';
import type { Context, Services } from '../context.js';
import type { Conversation } from '../messages.js';
import { tally, type Poll } from '../polls/poll.js';
import { pollAdr, pollDecision, titled } from './adr.js';
import { addOpenItem, findOpenPoll, REMINDER_LIST, removeOpenItems, workspaceList, type OpenItem } from './open-items.js';
import { decisionId, decisionOfSource, replaceAdr, saveDecision, type Place } from './record.js';

/** The hooks the checklist and poll features call; everything the decision log needs is kept here. */

/** A poll with `remind` gets its reminder when a quarter of its time is left. */
const REMIND_AT_SHARE = 0.75;

export function placeOf(c: Conversation): Place {
  return { platform: c.platform, workspaceId: c.workspaceId, channelId: c.channelId, isDirect: c.isDirect, ...(c.threadId ? { threadId: c.threadId } : {}) };
}

/** What stands in for a subject or a place: the conversation's name, else a plain description. */
export function placeLabel(place: Place, name: string | undefined): string {
  if (name) return name;
  return place.isDirect ? 'a direct message' : 'a channel';
}

export async function noteChecklistStarted(ctx: Context, sessionId: string, subject: string | undefined): Promise<void> {
  const place = placeOf(ctx.incoming.conversation);
  const item: OpenItem = { kind: 'checklist', key: ctx.key, id: sessionId, place, since: ctx.deps.clock.now() };
  await addOpenItem(ctx.deps.records, {
    ...item,
    ...(ctx.incoming.conversationName ? { placeName: ctx.incoming.conversationName } : {}),
    ...(subject ? { subject } : {}),
  });
}

export async function notePollOpened(ctx: Context, poll: Poll, remind: boolean): Promise<void> {
  const item: OpenItem = { kind: 'poll', key: ctx.key, id: poll.id, place: placeOf(ctx.incoming.conversation), since: poll.createdAt };
  const remindAt = remind && poll.deadline !== undefined ? poll.createdAt + (poll.deadline - poll.createdAt) * REMIND_AT_SHARE : undefined;
  await addOpenItem(ctx.deps.records, {
    ...item,
    ...(ctx.incoming.conversationName ? { placeName: ctx.incoming.conversationName } : {}),
    ...(remindAt !== undefined ? { remindAt: Math.floor(remindAt) } : {}),
  });
}

/** A finished checklist becomes a decision; the ADR stored is the one the result offers now. */
export async function recordChecklist(ctx: Context, result: ChecklistResult, score: Score, subject: string | undefined): Promise<void> {
  const { deps, incoming } = ctx;
  const place = placeOf(incoming.conversation);
  const id = decisionId(deps.random);
  const named = subject ?? placeLabel(place, incoming.conversationName);
  await saveDecision(deps.records, { kind: 'checklist', convKey: ctx.key, id: result.id }, {
    v: 1,
    id,
    kind: 'checklist',
    sourceId: result.id,
    subject: named,
    outcome: RECOMMENDATION_LABEL[score.recommendation],
    decidedAt: result.finishedAt,
    participants: result.participants,
    place,
    ...(incoming.conversationName ? { placeName: incoming.conversationName } : {}),
    startedBy: incoming.sender.id,
    adr: stored(titled(decisionRecord(deps.checklist, result, score), named, id)),
  });
}

const stored = (f: { name: string; content: string }) => ({ name: f.name, content: f.content });

/** A closed poll becomes a decision (called once, by whoever closed it). */
export async function recordPoll(deps: Services, convKey: string, poll: Poll): Promise<void> {
  const place = placeOf(poll.conversation);
  const item = await findOpenPoll(deps.records, place, convKey, poll.id);
  const outbox = deps.outboxes.get(place.platform);
  const link = poll.message && outbox?.linkTo ? await outbox.linkTo({ conversation: poll.conversation, messageId: poll.message.messageId }).catch(() => undefined) : undefined;
  const id = decisionId(deps.random);
  const where = placeLabel(place, item?.placeName);
  await saveDecision(deps.records, { kind: 'poll', convKey, id: poll.id }, {
    v: 1,
    id,
    kind: 'poll',
    sourceId: poll.id,
    subject: poll.question,
    outcome: pollDecision(poll),
    decidedAt: poll.closedAt ?? deps.clock.now(),
    participants: tally(poll).total,
    place,
    ...(item?.placeName ? { placeName: item.placeName } : {}),
    ...(link ? { link } : {}),
    startedBy: poll.createdBy.id,
    adr: stored(pollAdr(poll, where, id)),
  });
  if (item) {
    await removeOpenItems(deps.records, workspaceList(place), [item]);
    if (item.remindAt !== undefined) await removeOpenItems(deps.records, REMINDER_LIST, [item]);
  }
  if (poll.fromResult) await refreshChecklistAdr(deps, convKey, place, poll.fromResult);
}

/** The ADR the decision log keeps for a checklist result, so both buttons hand out the same file. */
export async function checklistAdr(deps: Services, conversation: Conversation, convKey: string, resultId: string) {
  const decision = await decisionOfSource(deps.records, placeOf(conversation), { kind: 'checklist', convKey, id: resultId });
  return decision ? { name: decision.adr.name, mimeType: 'text/markdown', content: decision.adr.content } : undefined;
}

/** A team poll started from a checklist result adds its outcome to that checklist's stored ADR. */
async function refreshChecklistAdr(deps: Services, convKey: string, place: Place, resultId: string): Promise<void> {
  const decision = await decisionOfSource(deps.records, place, { kind: 'checklist', convKey, id: resultId });
  const found = await deps.records.read(RESULT, { convKey, id: resultId });
  if (!decision || found.status !== 'ok') return;
  const adr = titled(decisionRecord(deps.checklist, found.value, scoreAnswers(deps.checklist, found.value.answers)), decision.subject, decision.id);
  await replaceAdr(deps.records, place, decision.id, stored(adr));
}
