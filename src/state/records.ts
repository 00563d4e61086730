import type { z } from 'zod';
import type { Store } from './store.js';

/** A stored record read back: present and valid, absent, or present but unreadable. */
export type ReadResult<T> =
  | { status: 'ok'; value: T }
  | { status: 'missing' }
  | { status: 'corrupt'; raw: unknown; problem: string };

/**
 * Reads and validates one record. A corrupt record is reported, never thrown and never
 * overwritten here: the caller decides whether to back it up and replace it.
 */
export async function readRecord<T>(store: Store, ns: string, key: string, schema: z.ZodType<T>): Promise<ReadResult<T>> {
  const raw = await store.get(ns, key);
  if (raw === undefined || raw === null) return { status: 'missing' };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { status: 'ok', value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'record';
  return { status: 'corrupt', raw, problem: `${where}: ${issue?.message ?? 'invalid'}` };
}

/** Keeps a copy of a bad record under the `backup` namespace before it is replaced; returns its key. */
export async function backupRecord(store: Store, ns: string, key: string, raw: unknown, now: number): Promise<string> {
  const backupKey = `${ns}:${key}:${now}`;
  await store.set('backup', backupKey, { savedAt: now, from: `${ns}:${key}`, raw });
  return backupKey;
}
