import { defineRecord } from '../../state/records.js';
import { RESULT_TTL_MS, resultSchema } from './record.js';
import { sessionSchema } from './session.js';

/** Unfinished sessions expire after a week without activity. */
const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The running checklist of one conversation (`platform:workspace:channel[:thread]`). */
export const SESSION = defineRecord({
  ns: 'sessions',
  key: (convKey: string) => convKey,
  lock: (convKey: string) => `session:${convKey}`,
  schema: sessionSchema,
  ttlMs: SESSION_TTL_MS,
});

interface ResultRef {
  convKey: string;
  id: string;
}

/** A finished checklist; a poll started from it later adds its outcome. */
export const RESULT = defineRecord({
  ns: 'results',
  key: (r: ResultRef) => `${r.convKey}:${r.id}`,
  lock: (r: ResultRef) => `result:${r.convKey}:${r.id}`,
  schema: resultSchema,
  ttlMs: RESULT_TTL_MS,
});
