import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/messages.js';
import { alice, bob, directChat, presses, replyText, says } from '../helpers/fake-chat.js';
import { button, exchange, knowledgeIndex, testBot } from '../helpers/core.js';

type Bot = Awaited<ReturnType<typeof testBot>>;

const press = (bot: Bot, who: typeof alice, reply: Reply | undefined, label: string) => {
  const b = button(reply, label);
  return exchange(bot, presses(who, b.action, b.value));
};

describe('asking questions', () => {
  it('GIVEN a free-text question THEN the answering sentences lead, with their sources, More and feedback buttons', async () => {
    const bot = await testBot();
    const [reply] = await exchange(bot, says(alice, 'does golang gc hurt p99?'));
    expect(reply?.title).toBeUndefined();
    expect(reply?.sections[0]).toMatch(/garbage collector|GC/);
    expect(reply?.context).toMatch(/^From “Go's garbage collector and latency”\. Sources?: /);
    const labels = reply?.buttons?.map((b) => b.label) ?? [];
    expect(labels).toEqual(['More', 'Helpful', 'Not helpful']);
  });

  it('GIVEN `ask QUESTION` THEN it is answered like free text', async () => {
    const bot = await testBot();
    const [reply] = await exchange(bot, says(alice, 'ask is tide still maintained'));
    expect(reply?.sections[0]).toMatch(/Tide/);
  });

  it('GIVEN the More button THEN the whole card is shown, with the topic title, correction and every source', async () => {
    const bot = await testBot();
    const [reply] = await exchange(bot, says(alice, 'go gc pauses'));
    const [card] = await press(bot, bob, reply, 'More');
    expect(card?.title).toBe("Go's garbage collector and latency");
    expect(card?.sections[1]).toMatch(/^\*\*Correction:\*\* The article says/);
    expect(card?.context).toContain('Go blog');
    const [related] = await press(bot, bob, card, 'Why Discord moved a service from Go to Rust');
    expect(related?.title).toBe('Why Discord moved a service from Go to Rust');
  });

  it("GIVEN an off-topic question THEN the reply begins with I don't know and never lists every topic", async () => {
    const bot = await testBot();
    const [reply] = await exchange(bot, says(alice, "what's the weather in berlin"));
    expect(reply?.title).toBeUndefined();
    expect(reply?.sections[0]?.startsWith("I don't know")).toBe(true);
    expect(reply?.sections.join('\n')).not.toContain("Go's garbage collector and latency");
    expect(reply?.sections[0]).toMatch(/Type .*topics.* for the full list\./);
  });

  it('GIVEN a question full of pings THEN nothing the user typed is echoed back', async () => {
    const bot = await testBot();
    for (const q of ['<!channel> @everyone what is the weather', '@here <@U123> <!everyone> does go have generics']) {
      const replies = await exchange(bot, says(alice, q));
      const text = replies.map(replyText).join('\n');
      expect(text).not.toMatch(/@everyone|@here|<!channel>|<!everyone>|<@U123>/);
    }
  });

  it('GIVEN `ask` alone or `topics` THEN every topic is listed', async () => {
    const bot = await testBot();
    const { topics } = await knowledgeIndex();
    for (const text of ['ask', 'topics']) {
      const [reply] = await exchange(bot, says(alice, text));
      expect(reply?.title).toBe(`What I can talk about (${topics.length} topics)`);
      const listed = reply?.sections.join('\n') ?? '';
      for (const t of topics) expect(listed).toContain(`• ${t.title}`);
    }
  });
});

describe('feedback', () => {
  it('GIVEN Helpful and Not helpful presses THEN counts are kept per entry, one vote per person', async () => {
    const bot = await testBot();
    const [answer] = await exchange(bot, says(alice, 'what are goroutines'));
    expect((await press(bot, alice, answer, 'Helpful'))[0]?.sections[0]).toMatch(/^Thanks! I noted/);
    expect((await press(bot, alice, answer, 'Helpful'))[0]?.sections[0]).toMatch(/already rated/);
    expect((await press(bot, bob, answer, 'Helpful'))[0]?.ephemeral).toBe(true);
    expect((await press(bot, bob, answer, 'Not helpful'))[0]?.sections[0]).toMatch(/changed your rating/);

    const [stats] = await exchange(bot, says(alice, 'topics stats'));
    expect(stats?.sections[0]).toBe('• Goroutines and Go\'s concurrency model (`goroutines`): helpful 1, not helpful 1');
    expect(stats?.sections[1]).toMatch(/^1 of \d+ topics rated: helpful 1, not helpful 1\./);
  });

  it('GIVEN no ratings THEN stats say so', async () => {
    const bot = await testBot();
    const [stats] = await exchange(bot, says(alice, 'topics stats'));
    expect(stats?.sections[0]).toBe('No answer has been rated yet.');
  });

  it('GIVEN a forged feedback or topic button THEN it is refused without counting', async () => {
    const bot = await testBot();
    for (const [action, value] of [
      ['knowledge.feedback', 'no-such-topic:up'],
      ['knowledge.feedback', 'goroutines:sideways'],
      ['knowledge.ask', 'no-such-topic'],
    ] as const) {
      const [reply] = await exchange(bot, presses(alice, action, value));
      expect(reply?.ephemeral).toBe(true);
    }
    const [stats] = await exchange(bot, says(alice, 'topics stats'));
    expect(stats?.sections[0]).toBe('No answer has been rated yet.');
  });
});

describe('checklist links', () => {
  it('GIVEN a finished solo checklist THEN the result offers "tell me more" topics', async () => {
    const bot = await testBot();
    let [reply] = await exchange(bot, says(alice, 'checklist', directChat));
    for (let step = 0; step < 10 && reply?.title?.includes(' of '); step++) {
      const first = reply.buttons?.find((b) => b.action === 'checklist.answer');
      if (!first) break;
      [reply] = await exchange(bot, presses(alice, first.action, first.value, directChat));
    }
    expect(reply?.title).toMatch(/^Recommendation/);
    const more = reply?.buttons?.filter((b) => b.label.startsWith('Tell me more: ')) ?? [];
    expect(more.length).toBeGreaterThan(0);
    expect(more.length).toBeLessThanOrEqual(3);
    const [topic] = await exchange(bot, presses(alice, more[0]?.action ?? '', more[0]?.value ?? '', directChat));
    expect(topic?.buttons?.map((b) => b.label)).toContain('Helpful');
  });
});
