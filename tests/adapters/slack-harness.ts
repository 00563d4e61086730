import type { ApiCall, FakeSlack, ResponseUrlCall } from '../helpers/fake-slack.js';
import { FAKE_BOT } from '../helpers/fake-slack.js';
import { SECRETS, startSlack } from '../helpers/slack-harness.js';
import { actionRequest, blockActions, commandFields, commandRequest, eventCallback, eventRequest, send, type SignedRequest } from '../helpers/slack-signing.js';
import { RecordingHandler, type ContractHarness, type Delivery, type Observed, type Place, type Where } from './harness.js';

/** Block Kit's documented limits (characters unless stated), checked on everything the bot sends. */
const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3_000,
  headerText: 150,
  contextText: 3_000,
  buttonText: 75,
  buttonValue: 2_000,
  actionId: 255,
  elementsPerActions: 25,
  /** Undocumented: Slack answers msg_blocks_too_long past about 13,000 characters of blocks. */
  blocksJson: 13_000,
  text: 40_000,
} as const;

/** Slack's notification syntax: `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`, `<@U…>`. */
const PING = /<!(?:channel|here|everyone)(?:\|[^>]*)?>|<!subteam\^[^>]+>|<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g;

const TEAM = FAKE_BOT.team_id;
const PEOPLE = { 1: { id: 'UALICE', name: 'alice' }, 2: { id: 'UBOB', name: 'bob' } } as const;
const CHANNEL = 'C1';
const THREAD = '1700000000.000001';

type Block = { type: string; text?: { text?: string }; elements?: Array<{ type?: string; text?: unknown; action_id?: string; value?: string }> };

/** A text field as sent: a string, or nothing. */
const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

function blockText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.text?.text) out.push(b.text.text);
    if (b.type === 'context') for (const e of b.elements ?? []) out.push(textOf(e.text));
  }
  return out.join('\n');
}

function buttonsOf(blocks: readonly Block[]) {
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

function violations(body: Record<string, unknown>): string[] {
  const blocks = (body.blocks ?? []) as Block[];
  const found: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || found.push(what));
  check(blocks.length <= SLACK_LIMITS.blocks, `${blocks.length} blocks`);
  check(JSON.stringify(blocks).length <= SLACK_LIMITS.blocksJson, 'msg_blocks_too_long');
  check(textOf(body.text).length <= SLACK_LIMITS.text, 'text over 40,000');
  for (const b of blocks) {
    const len = b.text?.text?.length ?? 0;
    if (b.type === 'section') check(len <= SLACK_LIMITS.sectionText, `section of ${len}`);
    if (b.type === 'header') check(len <= SLACK_LIMITS.headerText, `header of ${len}`);
    if (b.type === 'context') for (const e of b.elements ?? []) check(String(e.text).length <= SLACK_LIMITS.contextText, 'context text');
    if (b.type === 'actions') check((b.elements ?? []).length <= SLACK_LIMITS.elementsPerActions, 'actions elements');
  }
  for (const e of buttonsOf(blocks)) {
    check(String((e.text as { text?: string })?.text ?? '').length <= SLACK_LIMITS.buttonText, 'button text');
    check((e.value ?? '').length <= SLACK_LIMITS.buttonValue, 'button value');
    check((e.action_id ?? '').length <= SLACK_LIMITS.actionId, 'action_id');
  }
  return found;
}

function message(body: Record<string, unknown>, fields: { where: Where; messageId?: string; edits?: string; ephemeral: boolean }): Observed {
  const blocks = (body.blocks ?? []) as Block[];
  return {
    ...fields,
    text: blocks.length > 0 ? blockText(blocks) : textOf(body.text),
    buttons: buttonsOf(blocks).map((e) => String((e.text as { text?: string })?.text ?? '')),
    files: [],
    pings: `${textOf(body.text)}${JSON.stringify(blocks)}`.match(PING) ?? [],
    violations: violations(body),
  };
}

const whereIn = (channelId: string, threadId?: unknown): Where => ({
  workspaceId: TEAM,
  channelId,
  threadId: typeof threadId === 'string' ? threadId : undefined,
  isDirect: channelId.startsWith('D'),
});

/** The real Slack adapter in HTTP mode, driven with signed requests against the fake Slack. */
export async function slackContractHarness(): Promise<ContractHarness> {
  const handler = new RecordingHandler();
  const slack = await startSlack({ handler });
  const fake: FakeSlack = slack.fake;
  /** response_url id → where it answers, and the message it may replace. */
  const responseTargets = new Map<string, { where: Where; pressedTs?: string }>();
  let seq = 0;
  const nextTs = () => `1700001${String(++seq).padStart(3, '0')}.000100`;

  /** Replies that travelled in a slash command's ack, where the command was typed. */
  const acked: Array<{ where: Where; body: Record<string, unknown> }> = [];
  const post = async (request: SignedRequest, again?: SignedRequest, where?: Where): Promise<Delivery['redeliver']> => {
    const res = await send(slack.eventsUrl, request);
    if (res.status !== 200) throw new Error(`Slack adapter answered ${res.status}`);
    if (where && res.body.trim()) acked.push({ where, body: JSON.parse(res.body) as Record<string, unknown> });
    return async () => void (await send(slack.eventsUrl, again ?? request));
  };

  function placeWhere(place: Place, userId: string): Where {
    if (place === 'direct') return whereIn(`D${userId}`);
    return whereIn(CHANNEL, place === 'thread' ? THREAD : undefined);
  }

  function responseUrl(where: Where, pressedTs?: string): string {
    const id = `r${++seq}`;
    responseTargets.set(id, { where, pressedTs });
    return fake.responseUrl(id);
  }

  function observeCall(call: ApiCall, earlier: readonly Observed[]): Observed | undefined {
    const b = call.body;
    if (call.result?.ok !== true) return undefined;
    switch (call.method) {
      case 'chat.postMessage':
        return message(b, { where: whereIn(String(b.channel), b.thread_ts), messageId: String(call.result.ts), ephemeral: false });
      case 'chat.update': {
        const original = earlier.find((o) => o.messageId === b.ts);
        return message(b, { where: original?.where ?? whereIn(String(b.channel)), messageId: String(b.ts), edits: String(b.ts), ephemeral: false });
      }
      case 'chat.postEphemeral':
        return message(b, { where: whereIn(String(b.channel), b.thread_ts), ephemeral: true });
      case 'files.completeUploadExternal': {
        const files = (b.files as Array<{ id: string; title?: string }>).map((f) => ({ name: f.title ?? f.id, content: fake.uploads.get(f.id) ?? '' }));
        return { where: whereIn(String(b.channel_id), b.thread_ts), ephemeral: false, text: '', buttons: [], files, pings: [], violations: [] };
      }
      default:
        return undefined;
    }
  }

  function observeResponse(r: ResponseUrlCall): Observed | undefined {
    const target = responseTargets.get(r.id);
    if (!target) return undefined;
    const replaces = r.body.replace_original === true;
    // Slack shows a response_url message only to the asker unless it says in_channel.
    const ephemeral = !replaces && r.body.response_type !== 'in_channel';
    return message(r.body, { where: target.where, edits: replaces ? target.pressedTs : undefined, ephemeral });
  }

  return {
    handler,
    outbox: slack.adapter.outbox,
    pingText: '<!channel> <!here> <!everyone> <@U999ZZZ> <!subteam^S123|@devs>',
    capabilities: {
      messagePlaces: ['channel', 'thread', 'direct'],
      // Slack sends no thread for a slash command typed in a thread: it answers in the channel.
      commandPlaces: ['channel', 'direct'],
      foreignAuthors: true,
      redelivery: true,
      ephemeralMessageReplies: true,
      editsInPlace: true,
      workspaces: true,
    },
    async deliver({ text, place, via, person = 1 }) {
      const who = PEOPLE[person];
      const where = placeWhere(place, who.id);
      if (via === 'command') {
        const fields = commandFields(text, who, { id: where.channelId, name: place === 'direct' ? 'directmessage' : 'general' }, responseUrl(where));
        return { where, redeliver: await post(commandRequest(SECRETS.signingSecret, fields), undefined, where) };
      }
      const event =
        place === 'direct'
          ? { type: 'message', channel_type: 'im', channel: where.channelId, user: who.id, text, ts: nextTs() }
          : { type: 'app_mention', channel: where.channelId, user: who.id, text: `<@${FAKE_BOT.user_id}> ${text}`, ts: nextTs(), thread_ts: where.threadId };
      const payload = eventCallback(event);
      const retry = eventRequest(SECRETS.signingSecret, payload, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
      return { where, redeliver: await post(eventRequest(SECRETS.signingSecret, payload), retry) };
    },
    async deliverFromBot(author, text, place) {
      const where = placeWhere(place, 'UALICE');
      const from = author === 'self' ? { user: FAKE_BOT.user_id, bot_id: FAKE_BOT.bot_id } : { user: 'UOTHERBOT', bot_id: 'BOTHER', subtype: 'bot_message' };
      const event =
        place === 'direct'
          ? { type: 'message', channel_type: 'im', channel: where.channelId, text, ts: nextTs(), ...from }
          : { type: 'app_mention', channel: where.channelId, text: `<@${FAKE_BOT.user_id}> ${text}`, ts: nextTs(), thread_ts: where.threadId, ...from };
      await post(eventRequest(SECRETS.signingSecret, eventCallback(event)));
    },
    async press(observed, label, person = 1) {
      const posted = fake.calls.find((c) => c.method === 'chat.postMessage' && c.result?.ts === observed.messageId);
      const element = buttonsOf((posted?.body.blocks ?? []) as Block[]).find((e) => (e.text as { text?: string })?.text === label);
      if (!posted || !element?.action_id || !observed.messageId) throw new Error(`no button "${label}" on a posted Slack message`);
      const where = observed.where;
      const payload = blockActions({
        user: PEOPLE[person],
        channel: where.channelId,
        ts: observed.messageId,
        threadTs: where.threadId,
        actionId: element.action_id,
        value: element.value ?? '',
        responseUrl: responseUrl(where, observed.messageId),
      });
      return { where, redeliver: await post(actionRequest(SECRETS.signingSecret, payload)) };
    },
    watch() {
      const calls = fake.calls.length;
      const responses = fake.responses.length;
      const acks = acked.length;
      return () => {
        // Edits look up the message they edit (for its thread), which may predate the watch.
        const before = fake.calls.slice(0, calls).flatMap((c) => observeCall(c, []) ?? []);
        const observed: Observed[] = [];
        for (const call of fake.calls.slice(calls)) {
          const o = observeCall(call, [...before, ...observed]);
          if (o) observed.push(o);
        }
        for (const r of fake.responses.slice(responses)) {
          const o = observeResponse(r);
          if (o) observed.push(o);
        }
        // Slack shows an ack's message only to the asker unless it says in_channel.
        for (const a of acked.slice(acks)) observed.push(message(a.body, { where: a.where, ephemeral: a.body.response_type !== 'in_channel' }));
        return observed;
      };
    },
    // Each delivery is awaited until Slack's HTTP answer, by which time its work is scheduled.
    idle: () => slack.adapter.idle(),
    close: () => slack.stop(),
  };
}
