import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordRig, type DiscordRig } from '../helpers/fake-discord-bot.js';
import type { FakeUser, RecordedRequest } from '../helpers/fake-discord.js';
import { testBot } from '../helpers/core.js';

const EPHEMERAL = 64;
const replyTo = (id: string) => (r: RecordedRequest) => r.json?.message_reference?.message_id === id;

/** Every label → custom id on a message. */
function buttons(message: Record<string, any>): Map<string, string> {
  const all = (message.components ?? []).flatMap((row: any) => row.components ?? []);
  return new Map(all.map((c: any) => [c.label as string, c.custom_id as string]));
}

describe('RustGo core end to end over Discord', () => {
  let rig: DiscordRig;

  beforeAll(async () => {
    rig = await startDiscordRig(await testBot());
  });
  afterAll(async () => rig?.close());

  it('GIVEN @RustGo help THEN the help is a visible reply written with the mention prefix', async () => {
    const msg = rig.fake.say(rig.fake.world.user(1), 'help');
    const sent = await rig.fake.waitFor(replyTo(msg.id));
    expect(sent.json.embeds[0].title).toBe('RustGo: Rust or Go?');
    expect(sent.json.embeds[0].description).toContain('`@RustGo checklist`');
    expect(sent.json.flags ?? 0).toBe(0);
  });

  it('GIVEN /rustgo text:help THEN the help is ephemeral and written with the slash prefix', async () => {
    const i = rig.fake.slash(rig.fake.world.user(2), 'help');
    const cb = await rig.fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.embeds[0].description).toContain('`/rustgo text:checklist`');
  });

  it('GIVEN a question THEN the answer comes with its sources, and pressing Helpful is confirmed to that person only', async () => {
    const { fake } = rig;
    const msg = fake.say(fake.world.user(3), 'does Go’s GC hurt tail latency?');
    const sent = await fake.waitFor(replyTo(msg.id));
    // A short untitled answer is plain content, its source line the small print under it.
    expect(sent.json.content).toMatch(/garbage collector|GC/);
    expect(sent.json.content).toMatch(/From “Go's garbage collector and latency”\. Sources?: /);
    const posted = [...fake.world.messages.values()].find((m) => m.message_reference?.message_id === msg.id)!;
    const helpful = buttons(posted).get('Helpful');
    expect(helpful).toMatch(/^knowledge\.feedback\|/);
    const press = fake.press(fake.world.user(5), helpful!, posted);
    const cb = await fake.waitFor((r) => r.path === `/interactions/${press.id}/${press.token}/callback`);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.content).not.toMatch(/doesn't belong/);
  });

  it('GIVEN a DM saying checklist THEN a solo checklist starts in the DM', async () => {
    const msg = rig.fake.dm(rig.fake.world.user(4), 'checklist');
    const sent = await rig.fake.waitFor(replyTo(msg.id));
    expect(sent.path).toBe(`/channels/${msg.channel_id}/messages`);
    expect(sent.json.embeds[0].title).toContain('(1 of 7)');
    expect(sent.json.components.length).toBeGreaterThan(0);
  });

  it('GIVEN three users pressing buttons THEN the team checklist reaches a recommendation and a decision record file', async () => {
    const { fake } = rig;
    const [alice, bob, carol] = [fake.world.user(11), fake.world.user(12), fake.world.user(13)];
    const start = fake.say(alice, 'checklist', { channelId: fake.world.otherChannelId });
    const posted = await fake.waitFor(replyTo(start.id));
    const messageId = [...fake.world.messages.values()].find((m) => m.message_reference?.message_id === start.id)!.id as string;
    const current = () => fake.world.messages.get(messageId)!;

    async function press(who: FakeUser, label: string): Promise<RecordedRequest> {
      const id = buttons(current()).get(label);
      if (!id) throw new Error(`no button "${label}" in ${[...buttons(current()).keys()].join(', ')}`);
      const i = fake.press(who, id, current());
      return fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
    }

    expect(posted.json.embeds[0].title).toContain('(1 of 7)');
    for (let step = 1; step <= 7; step++) {
      expect(current().embeds[0].title).toContain(`(${step} of 7)`);
      const first = [...buttons(current())].find(([, id]) => id.startsWith('checklist.answer|'))![0];
      for (const who of [alice, bob, carol]) {
        const cb = await press(who, first);
        expect(cb.json.type).toBe(7); // the checklist message is updated in place
      }
      expect(current().embeds[0].description).toContain('3 people');
      const next = [...buttons(current())].find(([, id]) => id.startsWith('checklist.next|'))![0];
      await press(carol, next);
    }
    expect(current().embeds[0].title).toMatch(/^Recommendation: (Rust|Go)/);
    const record = await press(bob, 'Decision record (ADR)');
    const withFile = record.files.length > 0 ? record : await fake.waitFor((r) => r.files.length > 0 && r.path.includes('/webhooks/'));
    expect(withFile.files[0]?.name).toMatch(/^adr-rust-or-go-\d{4}-\d{2}-\d{2}\.md$/);
    expect(withFile.files[0]?.text).toContain('Recommendation: **');
    for (const r of fake.sends()) expect(r.json?.allowed_mentions?.parse ?? []).toEqual([]);
  });
});
