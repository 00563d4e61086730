import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './fake-discord-gateway.js';
import { World, type FakeUser } from './fake-discord-world.js';

export { World, type FakeUser };

export interface RecordedFile {
  readonly field: string;
  readonly name: string;
  readonly contentType: string;
  readonly text: string;
}

/** One REST call as the fake received it. Paths are without the `/api/v10` prefix. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  /** The JSON body, or the multipart `payload_json`. */
  readonly json: any;
  readonly files: readonly RecordedFile[];
  readonly authorization: string | undefined;
  /** performance.now() when the request arrived. */
  readonly at: number;
  /** The HTTP status the fake answered with. */
  status: number;
}

type Reply = { status: number; body?: unknown };
type Route = (req: RecordedRequest, m: RegExpMatchArray) => Reply;

async function readBody(req: IncomingMessage): Promise<{ json: unknown; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: RecordedFile[] = [];
    let json: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') json = JSON.parse(value);
      } else {
        files.push({ field, name: value.name, contentType: value.type, text: await value.text() });
      }
    }
    return { json, files };
  }
  return { json: raw.length > 0 && type.includes('json') ? JSON.parse(raw.toString('utf8')) : undefined, files: [] };
}

/**
 * A fake Discord on 127.0.0.1: the REST API discord.js calls (gateway discovery, messages,
 * interaction callbacks, webhooks for follow-ups, command registration) with every call recorded,
 * plus a real-protocol gateway (see FakeGateway) and one guild (see World).
 */
export class FakeDiscord extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  /** Answer `GET /gateway/bot` with 401, as Discord does for a bad token. */
  rejectToken = false;
  private readonly failures: Array<{ method: string; path: RegExp; reply: Reply }> = [];
  private readonly routes: Array<[string, RegExp, Route]>;

  private constructor(
    private readonly server: Server,
    readonly gateway: FakeGateway,
    readonly world: World,
  ) {
    super();
    this.setMaxListeners(0);
    this.routes = world.routes(() => gateway.url);
  }

  static async start(): Promise<FakeDiscord> {
    const world = new World();
    const gateway = await FakeGateway.start(world);
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const fake = new FakeDiscord(server, gateway, world);
    server.on('request', (req, res) => void fake.serve(req, res));
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
  }

  get token(): string {
    return this.world.token;
  }

  /** The next request matching method and path is answered with this instead. */
  failNext(method: string, path: RegExp, status: number, body: unknown): void {
    this.failures.push({ method, path, reply: { status, body } });
  }

  /** A user's message in the guild (mentioning the bot unless told otherwise), dispatched now. */
  say(user: FakeUser, text: string, opts: { channelId?: string; mentionBot?: boolean; mentions?: FakeUser[] } = {}): Record<string, any> {
    const d = this.world.message(user, text, opts);
    this.gateway.dispatch('MESSAGE_CREATE', d);
    return d;
  }

  /** A user's message in their DM with the bot. */
  dm(user: FakeUser, text: string): Record<string, any> {
    const d = this.world.message(user, text, { dm: true });
    this.gateway.dispatch('MESSAGE_CREATE', d);
    return d;
  }

  /** `/rustgo text:…` from a user. */
  slash(user: FakeUser, text: string | undefined, opts: { channelId?: string; dm?: boolean } = {}): Record<string, any> {
    const options = text === undefined ? [] : [{ name: 'text', type: 3, value: text }];
    const d = this.world.interaction(user, { id: '1', name: 'rustgo', type: 1, options }, opts);
    this.gateway.dispatch('INTERACTION_CREATE', d);
    return d;
  }

  /** A user presses the button with `customId` on `message` (a message the bot posted). */
  press(user: FakeUser, customId: string, message: Record<string, any>): Record<string, any> {
    const channelId = message.channel_id as string;
    const dm = !message.guild_id;
    const d = this.world.interaction(user, { custom_id: customId, component_type: 2 }, { channelId, dm, message });
    this.gateway.dispatch('INTERACTION_CREATE', d);
    return d;
  }

  /** Messages the bot posted as replies to the message with this id. */
  repliesTo(messageId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.json?.message_reference?.message_id === messageId);
  }

  /** Every call answering the interaction with this id or its token (callback, follow-ups, edits). */
  answersTo(interaction: Record<string, any>): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.path.startsWith(`/interactions/${interaction.id}/`) || r.path.includes(`/${interaction.token}`),
    );
  }

  /** Calls that post or edit something a user would see (messages, callbacks, follow-ups). */
  sends(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.method !== 'DELETE' && !r.path.startsWith('/applications'));
  }

  /** Resolves with the first recorded request (past or future) for which `match` holds. */
  async waitFor(match: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const found = this.requests.find(match);
    if (found) return found;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('request', listener);
        reject(new Error('fake Discord: no matching request arrived in time'));
      }, timeoutMs);
      const listener = (r: RecordedRequest) => {
        if (!match(r)) return;
        clearTimeout(timer);
        this.off('request', listener);
        resolve(r);
      };
      this.on('request', listener);
    });
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const { json, files } = await readBody(req);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      json,
      files,
      authorization: req.headers.authorization,
      at: performance.now(),
      status: 0,
    };
    const reply = this.answer(recorded);
    recorded.status = reply.status;
    this.requests.push(recorded);
    this.emit('request', recorded);
    const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, body ? { 'content-type': 'application/json' } : {});
    res.end(body);
  }

  private answer(r: RecordedRequest): Reply {
    const failure = this.failures.findIndex((f) => f.method === r.method && f.path.test(r.path));
    if (failure >= 0) return this.failures.splice(failure, 1)[0]!.reply;
    const needsBot = !r.path.startsWith('/interactions/') && !r.path.startsWith('/webhooks/');
    if (needsBot && (this.rejectToken || r.authorization !== `Bot ${this.world.token}`)) {
      return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    }
    for (const [method, pattern, route] of this.routes) {
      const m = r.path.match(pattern);
      if (m && method === r.method) return route(r, m);
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }
}
