import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordRig, type DiscordRig } from '../helpers/fake-discord-bot.js';
import { testBot } from '../helpers/core.js';

const replyTo = (id: string) => (r: { json?: any }) => r.json?.message_reference?.message_id === id;

describe('Discord gateway: heartbeats, reconnects, invalidated sessions, replays', () => {
  let rig: DiscordRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('GIVEN a short heartbeat interval THEN heartbeats are sent and acknowledged without reconnecting', async () => {
    rig = await startDiscordRig(await testBot(), { prepare: (f) => (f.gateway.heartbeatIntervalMs = 100) });
    const gateway = rig.fake.gateway;
    await expect.poll(() => gateway.heartbeats, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    expect(rig.fake.gateway.connections).toBe(1);
    expect(rig.fake.gateway.resumes).toEqual([]);
  });

  it('GIVEN Discord closes the gateway for good after start (4004) THEN the adapter reports itself failed', async () => {
    const states: string[] = [];
    rig = await startDiscordRig(await testBot(), { onState: (s) => states.push(s) });
    rig.fake.gateway.closeConnection(4004);
    await expect.poll(() => states, { timeout: 3000 }).toEqual(['failed']);
  });

  it('GIVEN a RECONNECT request THEN the client resumes, gets the events it missed, and answers replayed ones nothing twice', async () => {
    const states: string[] = [];
    rig = await startDiscordRig(await testBot(), { deferAfterMs: 300, onState: (s) => states.push(s) });
    const { fake } = rig;
    const alice = fake.world.user(1);
    const first = fake.say(alice, 'help');
    await fake.waitFor(replyTo(first.id));
    const slash = fake.slash(fake.world.user(2), 'help');
    await fake.waitFor((r) => r.path === `/interactions/${slash.id}/${slash.token}/callback`);

    fake.gateway.replayExtraOnResume = 2; // Discord may deliver the last two events again
    fake.gateway.requestReconnect();
    const missed = fake.say(fake.world.user(3), 'what about compile times?'); // sent while disconnected
    await fake.gateway.whenLive('resumed');
    await fake.waitFor(replyTo(missed.id));
    const after = fake.say(fake.world.user(4), 'help');
    await fake.waitFor(replyTo(after.id));

    expect(states).toEqual(['running']);
    expect(fake.gateway.resumes).toHaveLength(1);
    expect(fake.gateway.resumes[0]?.session_id).toBe('session-1');
    expect(fake.gateway.connections).toBe(1); // resumed, not re-identified
    expect(fake.repliesTo(first.id)).toHaveLength(1);
    expect(fake.repliesTo(missed.id)).toHaveLength(1);
    expect(fake.answersTo(slash).filter((r) => r.path.endsWith('/callback'))).toHaveLength(1);
  });

  it('GIVEN an invalidated session THEN the client identifies again, keeps answering, and a redelivered button press is acknowledged once', async () => {
    rig = await startDiscordRig(await testBot(), { deferAfterMs: 300 });
    const { fake } = rig;
    const first = fake.say(fake.world.user(1), 'help');
    await fake.waitFor(replyTo(first.id));
    const posted = [...fake.world.messages.values()].at(-1)!;
    const press = fake.press(fake.world.user(3), 'stale.action|x', posted);
    await fake.waitFor((r) => r.path === `/interactions/${press.id}/${press.token}/callback`);

    fake.gateway.invalidateSession(false);
    await fake.gateway.whenLive('ready');
    fake.gateway.dispatch('INTERACTION_CREATE', press); // the same interaction delivered again
    const next = fake.say(fake.world.user(2), 'help');
    await fake.waitFor(replyTo(next.id), 10_000);

    expect(fake.gateway.connections).toBe(2);
    expect(fake.gateway.identifies).toHaveLength(2);
    // The redelivered press came before `next` on the one socket: any answer to it has been sent by now.
    await rig.adapter.idle();
    expect(fake.answersTo(press).filter((r) => r.path.endsWith('/callback'))).toHaveLength(1);
    expect(fake.repliesTo(next.id)).toHaveLength(1);
  });
});
