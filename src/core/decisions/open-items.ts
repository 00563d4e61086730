import { z } from 'zod';
import { defineRecord, type Records } from '../../state/records.js';
import { placeSchema, type Place } from './record.js';

/**
 * What is under way in a workspace, for `polls` and the Home view: open polls and running
 * checklists. Entries are hints; readers check the poll or session itself and drop stale ones
 * lazily, so the features that close or finish them need no second write.
 */
/** An entry outlives its poll's or session's own expiry (180 and 7 days). */
const OPEN_TTL_MS = 181 * 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 200;

const openItemSchema = z.object({
  kind: z.enum(['poll', 'checklist']),
  /** The conversation key the poll or session is stored under. */
  key: z.string(),
  /** The poll id or the session id. */
  id: z.string(),
  place: placeSchema,
  placeName: z.string().optional(),
  subject: z.string().optional(),
  since: z.number(),
  /** Polls with the `remind` flag: when their one reminder is due (ms since the epoch). */
  remindAt: z.number().optional(),
});
export type OpenItem = z.infer<typeof openItemSchema>;

/** A workspace's list key, or the one list of every pending reminder. */
export const workspaceList = (p: Pick<Place, 'platform' | 'workspaceId'>) => `${p.platform}:${p.workspaceId}`;
export const REMINDER_LIST = 'reminders';

const OPEN_ITEMS = defineRecord({
  ns: 'open-items',
  key: (listKey: string) => listKey,
  lock: (listKey: string) => `open-items:${listKey}`,
  schema: z.object({ v: z.literal(1), items: z.array(openItemSchema) }),
  ttlMs: OPEN_TTL_MS,
});

/** A damaged list is backed up (by `Records`) and started afresh: its entries are only hints. */
async function edit(records: Records, listKey: string, fn: (items: OpenItem[]) => OpenItem[]): Promise<void> {
  await records.update(OPEN_ITEMS, listKey, (found) => {
    const items = found.status === 'ok' ? found.value.items : [];
    return { result: undefined, write: { v: 1 as const, items: fn(items).slice(-MAX_ENTRIES) } };
  });
}

const same = (a: OpenItem) => (b: OpenItem) => a.kind === b.kind && a.key === b.key;

/** Adds an item; a checklist replaces the one before it in the same conversation. */
export async function addOpenItem(records: Records, item: OpenItem): Promise<void> {
  const drop = item.kind === 'checklist' ? same(item) : (b: OpenItem) => b.kind === 'poll' && b.key === item.key && b.id === item.id;
  await edit(records, workspaceList(item.place), (items) => [...items.filter((b) => !drop(b)), item]);
  if (item.remindAt !== undefined) await edit(records, REMINDER_LIST, (items) => [...items, item]);
}

export async function removeOpenItems(records: Records, listKey: string, gone: readonly OpenItem[]): Promise<void> {
  if (gone.length === 0) return;
  const isGone = (b: OpenItem) => gone.some((g) => g.kind === b.kind && g.key === b.key && g.id === b.id);
  await edit(records, listKey, (items) => items.filter((b) => !isGone(b)));
}

export async function readOpenItems(records: Records, listKey: string): Promise<OpenItem[]> {
  const found = await records.read(OPEN_ITEMS, listKey);
  return found.status === 'ok' ? found.value.items : [];
}

/** The poll's entry, for the name of the conversation it ran in. */
export async function findOpenPoll(records: Records, place: Place, key: string, id: string): Promise<OpenItem | undefined> {
  return (await readOpenItems(records, workspaceList(place))).find((i) => i.kind === 'poll' && i.key === key && i.id === id);
}
