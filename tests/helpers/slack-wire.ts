import type { ApiCall, FakeSlack } from './fake-slack.js';
import { actionRequest, blockActions, commandFields, commandRequest, eventCallback, eventRequest, send } from './slack-signing.js';

/**
 * Talking to a bot over Slack's wire format when the bot is a separate process (or several):
 * every request is signed and sent to the events URL given, and what the bot did is read from
 * the fake Slack's records.
 */

export type SlackUser = { id: string; name?: string };
export type Element = { text: { text: string }; action_id: string; value: string };

export const elements = (call: ApiCall): Element[] =>
  ((call.body.blocks ?? []) as Array<{ type: string; elements?: Element[] }>)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

export function button(call: ApiCall, label: string): Element {
  const found = elements(call).find((e) => e.text.text === label);
  if (!found) throw new Error(`no button "${label}" in ${elements(call).map((e) => e.text.text).join(', ')}`);
  return found;
}

export const header = (call: ApiCall | undefined): string | undefined =>
  ((call?.body.blocks ?? []) as Array<{ type: string; text?: { text: string } }>).find((b) => b.type === 'header')?.text?.text;

/** The message's blocks as one JSON string, for `toContain`/`toMatch`. */
export const blocksText = (call: ApiCall | undefined): string => JSON.stringify(call?.body.blocks ?? []);

/** A count shown in a poll message: `*Rust*: 3` → 3 (undefined when the option is not shown). */
export function shownCount(call: ApiCall | undefined, label: string): number | undefined {
  const text = blocksText(call);
  const m = new RegExp(`\\*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*: (\\d+)`).exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The `Total: N` of a poll message. */
export function shownTotal(call: ApiCall | undefined): number | undefined {
  const m = /\*Total: (\d+)\*/.exec(blocksText(call));
  return m ? Number(m[1]) : undefined;
}

/** Posts and edits of messages in one channel, in order of arrival at the fake. */
export const messagesIn = (fake: FakeSlack, channel: string): ApiCall[] =>
  fake.calls.filter((c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && c.body.channel === channel);

export const postsIn = (fake: FakeSlack, channel: string): ApiCall[] =>
  fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel);

/** Edits of one message (`ts`), in order of arrival at the fake. */
export const updatesOf = (fake: FakeSlack, ts: string): ApiCall[] =>
  fake.calls.filter((c) => c.method === 'chat.update' && c.body.ts === ts);

/** What a response_url received, by the id the test gave it. */
export const responseText = (fake: FakeSlack, id: string): string | undefined => {
  const found = fake.responses.find((r) => r.id === id);
  return found === undefined ? undefined : typeof found.body.text === 'string' ? found.body.text : JSON.stringify(found.body);
};

export interface Wire {
  /** `/rustgo text` from `user` in `channel`; the response_url is `fake.responseUrl(responseId)`. */
  command(url: string, text: string, user: SlackUser, channel: string, responseId: string): Promise<number>;
  /** `user` presses `element` on message `ts`; the response_url is `fake.responseUrl(responseId)`. */
  press(url: string, user: SlackUser, channel: string, ts: string, element: Element, responseId: string): Promise<number>;
  /** An app_mention event (optionally marked as Slack's retry number `retry`). */
  mention(url: string, text: string, user: SlackUser, channel: string, eventId: string, retry?: number): Promise<number>;
}

/** Signed requests to whichever bot `url` names, all answered through `fake`. */
export function wire(fake: FakeSlack, signingSecret: string): Wire {
  return {
    async command(url, text, user, channel, responseId) {
      const fields = commandFields(text, user, { id: channel, name: channel.toLowerCase() }, fake.responseUrl(responseId));
      return (await send(url, commandRequest(signingSecret, fields))).status;
    },
    async press(url, user, channel, ts, element, responseId) {
      const payload = blockActions({ user, channel, ts, actionId: element.action_id, value: element.value, responseUrl: fake.responseUrl(responseId) });
      return (await send(url, actionRequest(signingSecret, payload))).status;
    },
    async mention(url, text, user, channel, eventId, retry) {
      const ts = `${Date.now() / 1000}`;
      const payload = eventCallback({ type: 'app_mention', user: user.id, text: `<@UBOT> ${text}`, channel, ts }, eventId);
      const headers = retry === undefined ? undefined : { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' };
      return (await send(url, eventRequest(signingSecret, payload, headers ? { headers } : {}))).status;
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(check: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(10);
  }
}

/** The steps the process tests repeat: start something, press and read the private answer, let a message settle. */
export interface SlackDriver extends Wire {
  /** A fresh response_url id. */
  rid(what: string): string;
  /**
   * Sends a command to `url` and returns the first message the bot then shows in `channel`: one it
   * posts, or the command's ack when the reply travelled in it (as a call named `ack`).
   */
  startWith(url: string, text: string, user: SlackUser, channel: string, timeoutMs?: number): Promise<ApiCall>;
  /** Presses a button through `url` and returns what the presser was told privately. */
  vote(url: string, user: SlackUser, channel: string, ts: string, element: Element, timeoutMs?: number): Promise<string>;
  /** Waits until message `ts` has had no edit for `quietMs`, then returns its last edit. */
  settled(ts: string, quietMs?: number, timeoutMs?: number): Promise<ApiCall | undefined>;
}

export function driver(fake: FakeSlack, signingSecret: string): SlackDriver {
  const w = wire(fake, signingSecret);
  let seq = 0;
  const rid = (what: string) => `${what}-${++seq}`;
  return {
    ...w,
    rid,
    async startWith(url, text, user, channel, timeoutMs = 5_000) {
      const before = postsIn(fake, channel).length;
      const fields = commandFields(text, user, { id: channel, name: channel.toLowerCase() }, fake.responseUrl(rid('cmd')));
      const res = await send(url, commandRequest(signingSecret, fields));
      if (res.status !== 200) throw new Error(`the bot answered ${res.status} to "${text}"`);
      if (res.body.trim()) return { method: 'ack', body: JSON.parse(res.body) as Record<string, unknown>, token: undefined };
      return until(() => postsIn(fake, channel)[before], timeoutMs, `the bot's message in ${channel} after "${text}"`);
    },
    async vote(url, user, channel, ts, element, timeoutMs = 5_000) {
      const id = rid('vote');
      const status = await w.press(url, user, channel, ts, element, id);
      if (status !== 200) throw new Error(`the bot answered ${status} to ${user.id}'s press`);
      return until(() => responseText(fake, id), timeoutMs, `${user.id}'s confirmation`);
    },
    async settled(ts, quietMs = 2_000, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let count = -1;
      let since = Date.now();
      for (;;) {
        const now = updatesOf(fake, ts).length;
        if (now !== count) {
          count = now;
          since = Date.now();
        } else if (Date.now() - since >= quietMs) {
          return updatesOf(fake, ts).at(-1);
        }
        if (Date.now() > deadline) throw new Error(`message ${ts} kept changing for ${timeoutMs} ms`);
        await pause(50);
      }
    },
  };
}

/**
 * What a slash command's asker got back: the ack's own body when the reply travelled in it, else
 * what its response_url received (waiting up to `timeoutMs` for it).
 */
export async function commandReply(fake: FakeSlack, ack: { status: number; body: string }, responseId: string, timeoutMs = 3_000): Promise<Record<string, unknown>> {
  if (ack.status !== 200) throw new Error(`the bot answered ${ack.status}`);
  // An empty ack is `` over HTTP and `{}` over Socket Mode.
  if (ack.body.trim() && ack.body.trim() !== '{}') return JSON.parse(ack.body) as Record<string, unknown>;
  const found = await until(() => fake.responses.find((r) => r.id === responseId), timeoutMs, `the reply to ${responseId}`);
  return found.body;
}
