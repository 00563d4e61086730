import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A fake Slack on 127.0.0.1: the Web API under `/api/`, file upload URLs, `response_url`s and a
 * Socket Mode WebSocket. It records every call and answers like Slack, errors as `200 {ok:false}`.
 */

export interface ApiCall {
  method: string;
  /** Form fields, with JSON-valued fields (blocks, files) parsed. */
  body: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | undefined;
  /** What the fake answered. */
  result?: Record<string, unknown>;
}

export interface ResponseUrlCall {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeUser {
  name: string;
  real_name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
}

const BOT = { user_id: 'UBOT', bot_id: 'BBOT', user: 'rustgo', team_id: 'T1', team: 'Acme' };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseFields(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return out;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export interface FakeSlack {
  /** Base URL of the Web API, for SLACK_API_URL: `http://127.0.0.1:PORT/api/`. */
  readonly apiUrl: string;
  readonly calls: ApiCall[];
  readonly responses: ResponseUrlCall[];
  /** Bodies posted to upload URLs, by file id. */
  readonly uploads: Map<string, string>;
  readonly users: Map<string, FakeUser>;
  /** Socket Mode acknowledgements received from the client. */
  readonly socketAcks: Array<{ envelope_id: string; payload?: unknown }>;
  responseUrl(id: string): string;
  /** Channels by id for users.conversations and conversations.info; unknown ids are public channels nobody joined. */
  channels: Map<string, { isPrivate: boolean; members: string[] }>;
  /** Channels where chat.postMessage answers `not_in_channel`. */
  notInChannel: Set<string>;
  /** When true, auth.test answers `invalid_auth`. */
  rejectToken: boolean;
  /** Forced errors by method, e.g. `{ 'chat.postMessage': { error: 'missing_scope', needed: 'chat:write' } }`. */
  failures: Map<string, Record<string, unknown>>;
  callsTo(method: string): ApiCall[];
  /** Everything the bot sent anywhere, as text (for escaping and secret checks). */
  allSentText(): string;
  /** Sends a Socket Mode envelope to every connected client; resolves with the client's ack. */
  sendEnvelope(type: string, payload: unknown, extra?: Record<string, unknown>): Promise<{ envelope_id: string; payload?: unknown }>;
  /** Sends one raw text frame to every connected client, as it is (malformed frames included). */
  sendRaw(frame: string): void;
  socketClients(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  let ts = 1_700_000_000;
  let fileSeq = 0;
  let envelopeSeq = 0;
  const sockets = new Set<WebSocket>();
  const ackWaiters = new Map<string, (ack: { envelope_id: string; payload?: unknown }) => void>();
  const server: Server = createServer();
  const wss = new WebSocketServer({ server, path: '/socket' });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const base = `http://127.0.0.1:${port}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    calls: [],
    responses: [],
    uploads: new Map(),
    users: new Map(),
    channels: new Map(),
    socketAcks: [],
    notInChannel: new Set(),
    rejectToken: false,
    failures: new Map(),
    responseUrl: (id) => `${base}/response/${id}`,
    callsTo: (method) => fake.calls.filter((c) => c.method === method),
    allSentText: () =>
      JSON.stringify([fake.calls.map((c) => ({ method: c.method, body: c.body })), fake.responses, [...fake.uploads.values()]]),
    async sendEnvelope(type, payload, extra = {}) {
      const envelope_id = `env-${++envelopeSeq}`;
      const acked = new Promise<{ envelope_id: string; payload?: unknown }>((resolve) => ackWaiters.set(envelope_id, resolve));
      const message = JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api', ...extra });
      for (const ws of sockets) ws.send(message);
      return acked;
    },
    sendRaw(frame) {
      for (const ws of sockets) ws.send(frame);
    },
    socketClients: () => sockets.size,
    reset() {
      fake.calls.length = 0;
      fake.responses.length = 0;
      fake.uploads.clear();
      fake.socketAcks.length = 0;
      fake.notInChannel.clear();
      fake.channels.clear();
      fake.failures.clear();
      fake.rejectToken = false;
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const forced = fake.failures.get(method);
    if (forced) return { ok: false, ...forced };
    switch (method) {
      case 'auth.test':
        return fake.rejectToken ? { ok: false, error: 'invalid_auth' } : { ok: true, url: 'https://acme.slack.com/', ...BOT };
      case 'chat.postMessage': {
        const channel = String(body.channel);
        if (fake.notInChannel.has(channel)) return { ok: false, error: 'not_in_channel' };
        return { ok: true, channel, ts: `${++ts}.000100`, message: { text: body.text } };
      }
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${++ts}.000200` };
      case 'users.info': {
        const id = String(body.user);
        const user = fake.users.get(id) ?? { name: id.toLowerCase() };
        return { ok: true, user: { id, ...user, profile: { display_name: user.real_name ?? '' } } };
      }
      case 'users.conversations': {
        const member = [...fake.channels].filter(([, c]) => c.members.includes(String(body.user)));
        return { ok: true, channels: member.map(([id]) => ({ id })), response_metadata: { next_cursor: '' } };
      }
      case 'conversations.info': {
        const id = String(body.channel);
        return { ok: true, channel: { id, is_private: fake.channels.get(id)?.isPrivate ?? false, is_im: id.startsWith('D'), is_mpim: false } };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users)}` } };
      case 'files.getUploadURLExternal': {
        const id = `F${++fileSeq}`;
        return { ok: true, upload_url: `${base}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: (body.files as Array<{ id: string; title?: string }>).map((f) => ({ id: f.id, title: f.title })) };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${port}/socket` };
      default:
        return { ok: true };
    }
  }

  server.on('request', (req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = req.url ?? '/';
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.startsWith('/api/')) {
        const method = url.slice('/api/'.length).split('?')[0] as string;
        const body = parseFields(raw, req.headers['content-type']);
        const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (body.token as string | undefined);
        const call: ApiCall = { method, body, token };
        fake.calls.push(call);
        call.result = answer(method, body);
        return reply(200, call.result);
      }
      if (url.startsWith('/upload/')) {
        fake.uploads.set(url.slice('/upload/'.length), raw);
        return reply(200, { ok: true });
      }
      if (url.startsWith('/response/')) {
        fake.responses.push({ id: url.slice('/response/'.length), body: parseFields(raw, 'application/json') });
        return reply(200, { ok: true });
      }
      return reply(404, { ok: false, error: 'unknown_url' });
    })();
  });

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws hands a Buffer (binaryType 'nodebuffer'), whose String() is the UTF-8 text
      const ack = JSON.parse(String(data)) as { envelope_id: string; payload?: unknown };
      fake.socketAcks.push(ack);
      ackWaiters.get(ack.envelope_id)?.(ack);
      ackWaiters.delete(ack.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'fake' } }));
  });

  return fake;
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 3_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const FAKE_BOT = BOT;
