import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordRig, type DiscordRig } from '../helpers/fake-discord-bot.js';
import type { FakeUser } from '../helpers/fake-discord.js';
import { capturingLogger } from '../helpers/logs.js';
import { asRecorded, loadFixtures, type Fixture } from './fixtures.js';
import { RecordingHandler } from './harness.js';

/**
 * Discord's documented payloads (tests/fixtures/discord) through the real path: dispatched on the
 * fake gateway to a real discord.js Client, then the adapter's translation, to the exact neutral
 * Incoming — or nothing. Placeholders in the files name the fake guild's generated snowflakes.
 */
type Dispatch = 'MESSAGE_CREATE' | 'INTERACTION_CREATE';
const fixtures = loadFixtures<Dispatch>('discord');
const handler = new RecordingHandler();
const PERSON = '100000000000000001';
let rig: DiscordRig;
let logs: string[];

beforeAll(async () => {
  const captured = capturingLogger();
  logs = captured.lines;
  rig = await startDiscordRig(handler, { logger: captured.logger });
});
afterAll(async () => rig?.close());

/** The fixture with its placeholders filled in from the fake world. */
function resolved(fixture: Fixture<Dispatch>): Fixture<Dispatch> {
  const w = rig.fake.world;
  const ids: Record<string, string> = {
    guild: w.guildId,
    channel: w.channelId,
    thread: w.threadId,
    bot: w.bot.id,
    app: w.applicationId,
    dm: w.dmChannelOf({ id: PERSON } as FakeUser),
  };
  return JSON.parse(JSON.stringify(fixture).replace(/\{\{(\w+)\}\}/g, (_m, key: string) => ids[key] ?? `{{${key}}}`)) as Fixture<Dispatch>;
}

describe('Discord’s documented payloads map to neutral Incomings', () => {
  it('has a fixture for each scenario the adapter reads', () => {
    expect(fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining(['message-create-guild-mention', 'message-create-dm', 'message-create-thread-mention', 'interaction-slash-command', 'interaction-button']),
    );
    for (const f of fixtures) expect(f._source, f.name).toMatch(/Discord developer docs/);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('GIVEN %s THEN the exact Incoming, or ignored', async (_name, raw) => {
    const fixture = resolved(raw);
    const world = rig.fake.world;
    const mark = handler.handled.length;
    const logsFrom = logs.length;
    if (fixture.delivery === 'INTERACTION_CREATE') {
      // The fake answers interaction callbacks only for tokens it knows; this one came from a file.
      const p = fixture.payload;
      world.interactions.set(p.token, { id: p.id, channelId: p.channel.id, user: (p.member?.user ?? p.user) as FakeUser, createdAt: world.clock.now(), component: p.message?.id });
    }
    rig.fake.gateway.dispatch(fixture.delivery, fixture.payload);
    if (fixture.expect === 'ignored') {
      // A DM right after: when it arrives and nothing came before it, the fixture was ignored.
      const marker = rig.fake.dm(world.user(7), `marker ${fixture.name}`);
      const next = await handler.next(mark);
      expect(next.incoming.eventId).toBe(marker.id);
    } else {
      // What a person may see and the channel's name are the decision log's (tests/decisions); the fixtures pin the rest.
      const { access, conversationName, ...incoming } = (await handler.next(mark)).incoming;
      // eslint-disable-next-line @typescript-eslint/unbound-method -- only its type is checked; it is never called here
      expect(access?.canSee).toBeTypeOf('function');
      expect([undefined, 'string']).toContain(conversationName === undefined ? undefined : typeof conversationName);
      expect(await asRecorded(incoming)).toEqual(fixture.expect);
    }
    // Whatever the fixture started (late replies, their warnings) has finished before the logs are read.
    await rig.adapter.idle();
    const problems = logs.slice(logsFrom).filter((l) => (JSON.parse(l) as { level: number }).level >= 40);
    expect(problems).toEqual([]);
  });
});
