import { z } from 'zod';
import { backupRecord, readRecord } from '../../state/records.js';
import type { Store } from '../../state/store.js';

/**
 * Decisions live apart from the sessions and polls they came from, so the log and each decision
 * record (ADR) outlive those (7 and 180 days). One record per decision, plus one index per
 * workspace listing ids newest first: the index is the only shared key and changes under its lock.
 */
export const DECISIONS = 'decisions';
const INDEX = 'decision-index';
/** Decisions are kept two years. */
export const DECISION_TTL_MS = 2 * 365 * 24 * 60 * 60 * 1000;
/** The index keeps this many newest decisions per workspace; older ones drop out of the log. */
const INDEX_SIZE = 500;

export const placeSchema = z.object({
  platform: z.enum(['slack', 'discord', 'console']),
  workspaceId: z.string(),
  channelId: z.string(),
  threadId: z.string().optional(),
  isDirect: z.boolean(),
});
export type Place = z.infer<typeof placeSchema>;

/** One decision, schema version 1. `adr` is the record exactly as offered when the decision was made. */
export const decisionSchema = z.object({
  v: z.literal(1),
  id: z.string().regex(/^[a-z0-9]{4,16}$/),
  kind: z.enum(['checklist', 'poll']),
  /** The id of the checklist result or poll it came from. */
  sourceId: z.string(),
  subject: z.string(),
  /** "Rust", "Go", "Rust and Go (hybrid)", a poll's winning option, or "No decision". */
  outcome: z.string(),
  decidedAt: z.number(),
  participants: z.number().int().min(0),
  place: placeSchema,
  /** The conversation's name at the time, when known (`#billing`). */
  placeName: z.string().optional(),
  link: z.string().optional(),
  startedBy: z.string(),
  adr: z.object({ name: z.string(), content: z.string() }),
});
export type Decision = z.infer<typeof decisionSchema>;

/** Short ids users type in `decisions forget ID`: 6 base-36 characters. */
export function decisionId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 6; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}

const workspaceOf = (p: Pick<Place, 'platform' | 'workspaceId'>) => `${p.platform}:${p.workspaceId}`;
const indexSchema = z.object({ v: z.literal(1), ids: z.array(z.string()) });

async function editIndex(store: Store, workspace: string, now: number, edit: (ids: string[]) => string[]): Promise<void> {
  await store.withLock(`decision-index:${workspace}`, async () => {
    const found = await readRecord(store, INDEX, workspace, indexSchema);
    if (found.status === 'corrupt') await backupRecord(store, INDEX, workspace, found.raw, now);
    const ids = found.status === 'ok' ? found.value.ids : [];
    await store.set(INDEX, workspace, { v: 1, ids: edit(ids).slice(0, INDEX_SIZE) }, DECISION_TTL_MS);
  });
}

export async function saveDecision(store: Store, decision: Decision): Promise<void> {
  const workspace = workspaceOf(decision.place);
  await store.set(DECISIONS, `${workspace}:${decision.id}`, decision, DECISION_TTL_MS);
  await editIndex(store, workspace, decision.decidedAt, (ids) => [decision.id, ...ids.filter((id) => id !== decision.id)]);
}

/** Replaces a decision's ADR (a team poll on a checklist adds its outcome), keeping everything else. */
export async function replaceAdr(store: Store, workspace: Pick<Place, 'platform' | 'workspaceId'>, id: string, adr: Decision['adr']): Promise<void> {
  const key = `${workspaceOf(workspace)}:${id}`;
  await store.withLock(`decision:${key}`, async () => {
    const found = await readRecord(store, DECISIONS, key, decisionSchema);
    if (found.status === 'ok') await store.set(DECISIONS, key, { ...found.value, adr }, DECISION_TTL_MS);
  });
}

export async function readDecision(store: Store, workspace: Pick<Place, 'platform' | 'workspaceId'>, id: string): Promise<Decision | undefined> {
  if (!/^[a-z0-9]{4,16}$/.test(id)) return undefined;
  const found = await readRecord(store, DECISIONS, `${workspaceOf(workspace)}:${id}`, decisionSchema);
  return found.status === 'ok' ? found.value : undefined;
}

/** Every readable decision of a workspace, newest first. */
export async function workspaceDecisions(store: Store, workspace: Pick<Place, 'platform' | 'workspaceId'>): Promise<Decision[]> {
  const found = await readRecord(store, INDEX, workspaceOf(workspace), indexSchema);
  if (found.status !== 'ok') return [];
  const read = await Promise.all(found.value.ids.map((id) => readDecision(store, workspace, id)));
  return read.filter((d): d is Decision => d !== undefined);
}

export async function forgetDecision(store: Store, decision: Decision, now: number): Promise<void> {
  const workspace = workspaceOf(decision.place);
  await store.delete(DECISIONS, `${workspace}:${decision.id}`);
  await editIndex(store, workspace, now, (ids) => ids.filter((id) => id !== decision.id));
}

/** The key under which a checklist result's or poll's decision id is remembered. */
const SOURCES = 'decision-sources';
export const rememberSource = (store: Store, sourceKey: string, id: string) => store.set(SOURCES, sourceKey, id, DECISION_TTL_MS);
export async function decisionOfSource(store: Store, sourceKey: string): Promise<string | undefined> {
  const id = await store.get(SOURCES, sourceKey);
  return typeof id === 'string' ? id : undefined;
}
