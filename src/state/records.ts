import type { Logger } from 'pino';
import type { z } from 'zod';
import { UnreadableValue, type Lease, type Store } from './store.js';

/**
 * One kind of stored record: where it lives, how its key and lock are named, what it must look like
 * and how long it is kept. Keys and lock names are wire formats: records written by an earlier
 * release must still be found (tests/fixtures/store-v1), and two releases running side by side
 * during a deploy must take the same lock.
 */
interface RecordDef<T, K> {
  readonly ns: string;
  readonly key: (k: K) => string;
  /** The lock every read-modify-write of this record takes. */
  readonly lock: (k: K) => string;
  readonly schema: z.ZodType<T>;
  /** Omitted: kept until deleted. */
  readonly ttlMs?: number | undefined;
}

export function defineRecord<T, K>(def: RecordDef<T, K>): RecordDef<T, K> {
  return def;
}

/** A stored record read back: present and valid, absent, or present but damaged (backed up). */
export type ReadResult<T> =
  | { status: 'ok'; value: T }
  | { status: 'missing' }
  | { status: 'corrupt'; raw: unknown; problem: string; backupKey: string };

/** What an update does: `write` replaces the record, `remove` deletes it, neither leaves it. */
interface Change<T, R> {
  readonly result: R;
  readonly write?: T | undefined;
  readonly remove?: boolean | undefined;
  /**
   * Runs after the write, still under the lock, in arrival order: for a reply that must reach the
   * platform in the order the changes were made (a team checklist message edited by each press).
   */
  readonly after?: (() => Promise<void>) | undefined;
}

/** `lease` writes other records kept under the same lock (a person's vote beside the counts). */
type Updater<T, R> = (current: ReadResult<T>, lease: Lease) => Change<T, R> | Promise<Change<T, R>>;

interface Waiting<T> {
  readonly fn: Updater<T, unknown>;
  resolve(result: unknown): void;
  reject(err: unknown): void;
}

interface Queue<T> {
  readonly waiting: Array<Waiting<T>>;
}

const BACKUP_NS = 'backup';

/**
 * Reads, validates and updates records. `update` is the one way to change a shared record: it takes
 * the record's lock (Keyv has no compare-and-set), reads and validates, runs the caller's change and
 * writes through the lock's lease. Callers that arrive while a change to the same record waits for or
 * holds its lock are applied together: one read, each change in arrival order, one write, and each
 * caller resolves only after the write that holds its change. So 1,000 voters on one poll cost a few
 * lock round trips, not 1,000.
 *
 * A damaged record (not JSON, or failing its schema) is copied under `backup:` once, logged once with
 * its key, counted, and handed to the caller as `corrupt` with the backup's key: never silently reset.
 */
export class Records {
  private readonly queues = new Map<string, Queue<unknown>>();
  private readonly backups = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  /** Damaged records seen since start (each counted once). */
  get damagedSeen(): number {
    return this.backups.size;
  }

  async read<T, K>(def: RecordDef<T, K>, k: K): Promise<ReadResult<T>> {
    return this.validate(def, def.key(k), await this.store.get(def.ns, def.key(k)));
  }

  /** Writes a record nobody else can know yet (a new poll with a fresh id), without a lock. */
  async create<T, K>(def: RecordDef<T, K>, k: K, value: T): Promise<void> {
    await this.store.set(def.ns, def.key(k), value, def.ttlMs);
  }

  /** Every readable record of this kind, for rebuilding an index from the records it indexes. */
  async *scan<T, K>(def: RecordDef<T, K>): AsyncGenerator<[string, T]> {
    for await (const [key, raw] of this.store.entries(def.ns)) {
      const parsed = def.schema.safeParse(raw);
      if (parsed.success) yield [key, parsed.data];
    }
  }

  update<T, K, R>(def: RecordDef<T, K>, k: K, fn: Updater<T, R>): Promise<R> {
    const lock = def.lock(k);
    return new Promise<R>((resolve, reject) => {
      let queue = this.queues.get(lock) as Queue<T> | undefined;
      const waiting: Waiting<T> = { fn, resolve, reject };
      if (queue) return void queue.waiting.push(waiting);
      queue = { waiting: [waiting] };
      this.queues.set(lock, queue as unknown as Queue<unknown>);
      void this.drain(def, k, lock, queue);
    });
  }

  private async drain<T, K>(def: RecordDef<T, K>, k: K, lock: string, queue: Queue<T>): Promise<void> {
    while (queue.waiting.length > 0) {
      let batch: Array<Waiting<T>> = [];
      try {
        await this.store.withLock(lock, async (lease) => {
          // Taken once the lock is held, so everyone who queued during the wait joins this batch.
          batch = queue.waiting.splice(0);
          await this.applyBatch(def, k, batch, lease);
        });
      } catch (err) {
        for (const w of batch.length > 0 ? batch : queue.waiting.splice(0)) w.reject(err);
      }
    }
    this.queues.delete(lock);
  }

  private async applyBatch<T, K>(def: RecordDef<T, K>, k: K, batch: Array<Waiting<T>>, lease: Lease): Promise<void> {
    const key = def.key(k);
    let current = await this.read(def, k);
    let write: 'none' | 'set' | 'remove' = 'none';
    const done: Array<{ w: Waiting<T>; result: unknown; after?: (() => Promise<void>) | undefined }> = [];
    for (const w of batch) {
      try {
        const change = await w.fn(current, lease);
        if (change.remove) {
          current = { status: 'missing' };
          write = 'remove';
        } else if (change.write !== undefined) {
          current = { status: 'ok', value: change.write };
          write = 'set';
        }
        done.push({ w, result: change.result, after: change.after });
      } catch (err) {
        w.reject(err);
      }
    }
    if (write === 'set' && current.status === 'ok') await lease.set(def.ns, key, current.value, def.ttlMs);
    if (write === 'remove') await this.store.delete(def.ns, key);
    for (const { w, result, after } of done) {
      try {
        await after?.();
        w.resolve(result);
      } catch (err) {
        w.reject(err);
      }
    }
  }

  private async validate<T, K>(def: RecordDef<T, K>, key: string, raw: unknown): Promise<ReadResult<T>> {
    if (raw === undefined || raw === null) return { status: 'missing' };
    if (raw instanceof UnreadableValue) return this.damaged(def.ns, key, raw.text, 'not readable as JSON');
    const parsed = def.schema.safeParse(raw);
    if (parsed.success) return { status: 'ok', value: parsed.data };
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'record';
    return this.damaged(def.ns, key, raw, `${where}: ${issue?.message ?? 'invalid'}`);
  }

  /** Backs a damaged record up once per process and logs it once; returns the backup's key. */
  private async damaged(ns: string, key: string, raw: unknown, problem: string): Promise<ReadResult<never>> {
    const from = `${ns}:${key}`;
    // Keyed by content too: a record repaired and damaged again is a new damage, with its own backup.
    const seen = `${from}\u0000${typeof raw === 'string' ? raw : JSON.stringify(raw)}`;
    let backupKey = this.backups.get(seen);
    if (backupKey === undefined) {
      const now = this.now();
      backupKey = `${from}:${now}`;
      this.backups.set(seen, backupKey);
      await this.store.set(BACKUP_NS, backupKey, { savedAt: now, from, raw });
      this.log.warn({ record: from, backupKey, problem }, 'damaged record backed up');
    }
    return { status: 'corrupt', raw, problem, backupKey };
  }
}
