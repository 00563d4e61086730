import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import type { StoreConfig } from '../../src/config.js';
import type { Conversation, MessageHandle, Outbox, Platform, Reply } from '../../src/core/messages.js';
import { silentLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/state/store.js';
import { replyText } from '../helpers/fake-chat.js';

/** An outbox for any platform that records posts and updates in arrival order. */
export class FakeOutbox implements Outbox {
  readonly posts: Array<{ conversation: Conversation; reply: Reply }> = [];
  readonly updates: Array<{ message: MessageHandle; reply: Reply }> = [];
  private next = 0;

  constructor(
    readonly platform: Platform = 'slack',
    /** Delay of each update in ms, to let votes pile up while one is in flight. */
    private readonly delayMs = 0,
  ) {}

  async post(conversation: Conversation, reply: Reply): Promise<MessageHandle> {
    this.posts.push({ conversation, reply });
    return { conversation, messageId: `out-${++this.next}` };
  }

  async update(message: MessageHandle, reply: Reply): Promise<void> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    this.updates.push({ message, reply });
  }

  get lastUpdateText(): string {
    const last = this.updates.at(-1);
    return last ? replyText(last.reply) : '';
  }
}

export const redisUrl = process.env.REDIS_URL;

export const storeKinds: Array<[string, boolean]> = [
  ['memory', true],
  ['sqlite', true],
  ['redis', Boolean(redisUrl)],
];

export function tempSqlite(): string {
  return join(mkdtempSync(join(tmpdir(), 'rustgo-polls-')), 'state.sqlite');
}

export interface OpenedStore {
  store: Store;
  config: StoreConfig;
  namespace: string;
  /** Closes the store and, on Redis, deletes every key of this test's namespace. */
  cleanup(): Promise<void>;
}

/** A store of this kind for one test, in its own namespace (never touching others' Redis keys). */
export async function openTestStore(kind: string): Promise<OpenedStore> {
  const namespace = `rustgo-polls-test-${randomUUID().slice(0, 8)}`;
  const config: StoreConfig =
    kind === 'redis' ? { kind: 'redis', url: redisUrl ?? '' } : kind === 'sqlite' ? { kind: 'sqlite', path: tempSqlite() } : { kind: 'memory' };
  const store = await openStore(config, { logger: silentLogger(), namespace });
  return {
    store,
    config,
    namespace,
    async cleanup() {
      await store.close();
      if (kind === 'redis') await deleteRedisNamespace(namespace);
    },
  };
}

export async function deleteRedisNamespace(namespace: string): Promise<void> {
  const client = createClient({ url: redisUrl });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${namespace}:*`, COUNT: 500 })) {
      const list = Array.isArray(keys) ? keys : [keys];
      if (list.length) await client.del(list);
    }
  } finally {
    await client.quit();
  }
}
