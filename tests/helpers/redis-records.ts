import KeyvRedis, { createKeyv } from '@keyv/redis';

/**
 * A raw look into the app's Redis: Keyv keeps each record as JSON `{"value": …, "expires": …}`
 * under `<namespace>::<ns>:<key>` (the app's namespace is `rustgo`). Tests read records to check
 * what was stored and rewrite them to move time (a poll's deadline) without waiting.
 */
export interface StoredRecord<T = any> {
  value: T;
  expires?: number | null;
}

export interface RawRedis {
  keys(pattern: string): Promise<string[]>;
  read<T = any>(key: string): Promise<StoredRecord<T> | undefined>;
  write(key: string, record: StoredRecord): Promise<void>;
  close(): Promise<void>;
}

export const appKey = (ns: string, key: string, namespace = 'rustgo'): string => `${namespace}::${ns}:${key}`;

export async function rawRedis(url: string): Promise<RawRedis> {
  const keyv = createKeyv(url);
  keyv.on('error', () => {});
  const client = await (keyv.store as KeyvRedis<unknown>).getClient();
  return {
    keys: (pattern) => client.keys(pattern),
    async read(key) {
      const raw = await client.get(key);
      return raw === null ? undefined : (JSON.parse(String(raw)) as StoredRecord);
    },
    async write(key, record) {
      // KEEPTTL: the record keeps the expiry Redis already has for it.
      await client.set(key, JSON.stringify(record), { KEEPTTL: true });
    },
    async close() {
      await keyv.disconnect().catch(() => {});
    },
  };
}

type DeadlineIndex = { v: 1; entries: Array<{ key: string; id: string; at: number }> };

/**
 * Moves polls' deadlines one second into the past, in each poll record and in the deadline index
 * (see src/core/polls/records.ts), so the next sweep finds them due. `convKey` is
 * `platform:workspace:channel`, e.g. `slack:T1:C1`.
 */
export async function moveDeadlinesIntoThePast(raw: RawRedis, polls: ReadonlyArray<{ convKey: string; id: string }>, namespace = 'rustgo'): Promise<void> {
  const past = Date.now() - 1_000;
  for (const { convKey, id } of polls) {
    const key = appKey('polls', `${convKey}:${id}`, namespace);
    const poll = await raw.read(key);
    if (poll?.value?.status !== 'open') throw new Error(`poll ${key} is not open: ${JSON.stringify(poll)}`);
    await raw.write(key, { ...poll, value: { ...poll.value, deadline: past } });
  }
  const indexKey = appKey('poll-deadlines', 'open', namespace);
  const index = await raw.read<DeadlineIndex>(indexKey);
  const wanted = new Set(polls.map((p) => `${p.convKey}/${p.id}`));
  const entries = index?.value.entries ?? [];
  const found = entries.filter((e) => wanted.has(`${e.key}/${e.id}`));
  if (found.length !== wanted.size) throw new Error(`only ${found.length} of ${wanted.size} polls are in the deadline index`);
  await raw.write(indexKey, { ...index!, value: { ...index!.value, entries: entries.map((e) => (wanted.has(`${e.key}/${e.id}`) ? { ...e, at: past } : e)) } });
}
