import { z } from 'zod';
import { defineRecord, type Records } from '../../state/records.js';

/**
 * Decisions live apart from the sessions and polls they came from, so the log and each decision
 * record (ADR) outlive those (7 and 180 days). One record per decision, plus one index per
 * workspace listing ids newest first and one note per source naming its decision. A new decision
 * and its note have fresh keys and are simply written; the index, and a decision whose ADR a later
 * poll refreshes, change through `records.update` under their locks.
 */

/** Decisions are kept two years. */
const DECISION_TTL_MS = 2 * 365 * 24 * 60 * 60 * 1000;
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
const decisionSchema = z.object({
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

type Workspace = Pick<Place, 'platform' | 'workspaceId'>;
const workspaceOf = (p: Workspace) => `${p.platform}:${p.workspaceId}`;

interface DecisionRef {
  workspace: Workspace;
  id: string;
}

const DECISION = defineRecord({
  ns: 'decisions',
  key: (d: DecisionRef) => `${workspaceOf(d.workspace)}:${d.id}`,
  lock: (d: DecisionRef) => `decision:${workspaceOf(d.workspace)}:${d.id}`,
  schema: decisionSchema,
  ttlMs: DECISION_TTL_MS,
});

/** A workspace's decision ids, newest first. */
const DECISION_INDEX = defineRecord({
  ns: 'decision-index',
  key: workspaceOf,
  lock: (w: Workspace) => `decision-index:${workspaceOf(w)}`,
  schema: z.object({ v: z.literal(1), ids: z.array(z.string()) }),
  ttlMs: DECISION_TTL_MS,
});

/** What a decision came from: a checklist result or a poll, by the conversation key it is stored under. */
export interface DecisionSource {
  kind: 'checklist' | 'poll';
  convKey: string;
  id: string;
}

/** The decision id made from a source, so a later change to the source finds its decision. */
const DECISION_SOURCE = defineRecord({
  ns: 'decision-sources',
  key: (s: DecisionSource) => `${s.kind}:${s.convKey}:${s.id}`,
  lock: (s: DecisionSource) => `decision-source:${s.kind}:${s.convKey}:${s.id}`,
  schema: z.string(),
  ttlMs: DECISION_TTL_MS,
});

/** A damaged index is backed up (by `Records`) and started afresh: the decisions themselves are untouched. */
async function editIndex(records: Records, workspace: Workspace, edit: (ids: string[]) => string[]): Promise<void> {
  await records.update(DECISION_INDEX, workspace, (found) => {
    const ids = found.status === 'ok' ? found.value.ids : [];
    return { result: undefined, write: { v: 1 as const, ids: edit(ids).slice(0, INDEX_SIZE) } };
  });
}

/** A new decision has a fresh id nobody else knows yet, so it is written without a lock; then the index. */
export async function saveDecision(records: Records, source: DecisionSource, decision: Decision): Promise<void> {
  await records.create(DECISION, { workspace: decision.place, id: decision.id }, decision);
  await editIndex(records, decision.place, (ids) => [decision.id, ...ids.filter((id) => id !== decision.id)]);
  await records.create(DECISION_SOURCE, source, decision.id);
}

/** Replaces a decision's ADR (a team poll on a checklist adds its outcome), keeping everything else. */
export async function replaceAdr(records: Records, workspace: Workspace, id: string, adr: Decision['adr']): Promise<void> {
  await records.update(DECISION, { workspace, id }, (found) => ({
    result: undefined,
    write: found.status === 'ok' ? { ...found.value, adr } : undefined,
  }));
}

export async function readDecision(records: Records, workspace: Workspace, id: string): Promise<Decision | undefined> {
  // Ids come from users (`decisions forget ID`) and buttons: anything else names no record.
  if (!/^[a-z0-9]{4,16}$/.test(id)) return undefined;
  const found = await records.read(DECISION, { workspace, id });
  return found.status === 'ok' ? found.value : undefined;
}

/** Every readable decision of a workspace, newest first. */
export async function workspaceDecisions(records: Records, workspace: Workspace): Promise<Decision[]> {
  const found = await records.read(DECISION_INDEX, workspace);
  if (found.status !== 'ok') return [];
  const read = await Promise.all(found.value.ids.map((id) => readDecision(records, workspace, id)));
  return read.filter((d): d is Decision => d !== undefined);
}

export async function forgetDecision(records: Records, decision: Decision): Promise<void> {
  await records.update(DECISION, { workspace: decision.place, id: decision.id }, () => ({ result: undefined, remove: true }));
  await editIndex(records, decision.place, (ids) => ids.filter((id) => id !== decision.id));
}

/** The decision made from a checklist result or poll, if it is still in the log. */
export async function decisionOfSource(records: Records, workspace: Workspace, source: DecisionSource): Promise<Decision | undefined> {
  const found = await records.read(DECISION_SOURCE, source);
  return found.status === 'ok' ? readDecision(records, workspace, found.value) : undefined;
}
