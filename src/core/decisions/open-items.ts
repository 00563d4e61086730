import { z } from 'zod';
import { backupRecord, readRecord } from '../../state/records.js';
import type { Store } from '../../state/store.js';
import { placeSchema, type Place } from './record.js';

/**
 * What is under way in a workspace, for `polls` and the Home view: open polls and running
 * checklists. Entries are hints; readers check the poll or session itself and drop stale ones
 * lazily, so the features that close or finish them need no second write.
 */
const OPEN = 'open-items';
/** An entry outlives its poll's or session's own expiry (180 and 7 days). */
const OPEN_TTL_MS = 181 * 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 200;

export const openItemSchema = z.object({
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
const listSchema = z.object({ v: z.literal(1), items: z.array(openItemSchema) });

const workspaceOf = (p: Pick<Place, 'platform' | 'workspaceId'>) => `${p.platform}:${p.workspaceId}`;

async function edit(store: Store, listKey: string, now: number, fn: (items: OpenItem[]) => OpenItem[]): Promise<void> {
  await store.withLock(`open-items:${listKey}`, async () => {
    const found = await readRecord(store, OPEN, listKey, listSchema);
    if (found.status === 'corrupt') await backupRecord(store, OPEN, listKey, found.raw, now);
    const items = found.status === 'ok' ? found.value.items : [];
    await store.set(OPEN, listKey, { v: 1, items: fn(items).slice(-MAX_ENTRIES) }, OPEN_TTL_MS);
  });
}

const same = (a: OpenItem) => (b: OpenItem) => a.kind === b.kind && a.key === b.key;

/** Adds an item; a checklist replaces the one before it in the same conversation. */
export async function addOpenItem(store: Store, item: OpenItem): Promise<void> {
  const drop = item.kind === 'checklist' ? same(item) : (b: OpenItem) => b.kind === 'poll' && b.key === item.key && b.id === item.id;
  await edit(store, workspaceOf(item.place), item.since, (items) => [...items.filter((b) => !drop(b)), item]);
  if (item.remindAt !== undefined) await edit(store, 'reminders', item.since, (items) => [...items, item]);
}

export async function removeOpenItems(store: Store, listKey: string, gone: readonly OpenItem[], now: number): Promise<void> {
  if (gone.length === 0) return;
  const isGone = (b: OpenItem) => gone.some((g) => g.kind === b.kind && g.key === b.key && g.id === b.id);
  await edit(store, listKey, now, (items) => items.filter((b) => !isGone(b)));
}

export async function readOpenItems(store: Store, listKey: string): Promise<OpenItem[]> {
  const found = await readRecord(store, OPEN, listKey, listSchema);
  return found.status === 'ok' ? found.value.items : [];
}

/** A workspace's list key, or the one list of every pending reminder. */
export const workspaceList = workspaceOf;
export const REMINDER_LIST = 'reminders';

/** The poll's entry, for the name of the conversation it ran in. */
export async function findOpenPoll(store: Store, place: Place, key: string, id: string): Promise<OpenItem | undefined> {
  return (await readOpenItems(store, workspaceOf(place))).find((i) => i.kind === 'poll' && i.key === key && i.id === id);
}
