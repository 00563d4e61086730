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
  return found === undefined ? undefined : String(found.body.text ?? JSON.stringify(found.body));
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
