import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** Gateway opcodes the fake speaks (Discord API v10). */
export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

interface Frame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export interface GatewaySession {
  /** READY's `d` minus the session fields the gateway fills in. */
  ready(): Record<string, unknown>;
  /** Dispatches sent right after READY (GUILD_CREATE for each guild). */
  afterReady(): Array<{ t: string; d: unknown }>;
}

/**
 * A Discord gateway on 127.0.0.1 speaking the real JSON protocol: HELLO, heartbeats and ACKs,
 * IDENTIFY → READY + GUILD_CREATE, sequenced dispatches, RECONNECT, INVALID_SESSION and
 * RESUME → replay of missed events + RESUMED. Events dispatched while no session is live are kept
 * and replayed on RESUME, as Discord does.
 */
export class FakeGateway extends EventEmitter {
  readonly identifies: Array<Record<string, unknown>> = [];
  readonly resumes: Array<{ token: string; session_id: string; seq: number }> = [];
  heartbeats = 0;
  heartbeatIntervalMs = 41_250;
  /** Close code sent instead of READY (e.g. 4014 for disallowed intents). */
  closeOnIdentify: number | undefined;
  /** Already-delivered events re-sent on the next RESUME, as an at-least-once replay. */
  replayExtraOnResume = 0;

  private socket: WebSocket | undefined;
  private live = false;
  private sessionId = '';
  private seq = 0;
  private sessions = 0;
  private log: Array<{ s: number; t: string; d: unknown }> = [];
  private readonly server: WebSocketServer;

  private constructor(private readonly session: GatewaySession, server: WebSocketServer) {
    super();
    this.server = server;
    server.on('connection', (ws) => this.accept(ws));
  }

  static async start(session: GatewaySession): Promise<FakeGateway> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    return new FakeGateway(session, server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get connections(): number {
    return this.sessions;
  }

  /** Sends (or, with no live session, keeps for replay) one dispatch; returns its sequence number. */
  dispatch(t: string, d: unknown): number {
    const s = ++this.seq;
    this.log.push({ s, t, d });
    if (this.live) this.send({ op: Op.Dispatch, s, t, d });
    return s;
  }

  requestReconnect(): void {
    this.live = false;
    this.send({ op: Op.Reconnect, d: null });
  }

  invalidateSession(resumable = false): void {
    this.live = false;
    if (!resumable) this.sessionId = '';
    this.send({ op: Op.InvalidSession, d: resumable });
  }

  /** Closes the live connection with a gateway close code, as Discord does (4004: token revoked). */
  closeConnection(code: number): void {
    this.live = false;
    this.socket?.close(code, 'closed by the fake gateway');
  }

  /** Resolves when the client is identified or resumed and receiving dispatches again. */
  async whenLive(event: 'ready' | 'resumed'): Promise<void> {
    await once(this, event);
  }

  async close(): Promise<void> {
    for (const ws of this.server.clients) ws.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private send(frame: Frame): void {
    if (this.socket?.readyState === this.socket?.OPEN) this.socket?.send(JSON.stringify(frame));
  }

  private accept(ws: WebSocket): void {
    this.socket?.terminate();
    this.socket = ws;
    this.live = false;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws hands a Buffer (binaryType 'nodebuffer'), whose String() is the UTF-8 text
    ws.on('message', (raw) => this.receive(ws, JSON.parse(String(raw)) as Frame));
    ws.on('close', () => {
      if (this.socket === ws) this.live = false;
    });
    ws.send(JSON.stringify({ op: Op.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
  }

  private receive(ws: WebSocket, frame: Frame): void {
    if (ws !== this.socket) return;
    switch (frame.op) {
      case Op.Heartbeat:
        this.heartbeats++;
        ws.send(JSON.stringify({ op: Op.HeartbeatAck }));
        return;
      case Op.Identify:
        this.identify(ws, frame.d as Record<string, unknown>);
        return;
      case Op.Resume:
        this.resume(frame.d as { token: string; session_id: string; seq: number });
        return;
      default:
        return;
    }
  }

  private identify(ws: WebSocket, d: Record<string, unknown>): void {
    this.identifies.push(d);
    if (this.closeOnIdentify !== undefined) {
      ws.close(this.closeOnIdentify, 'closed by the fake gateway');
      return;
    }
    this.sessions++;
    this.sessionId = `session-${this.sessions}`;
    this.seq = 0;
    this.log = [];
    this.live = true;
    this.dispatch('READY', {
      ...this.session.ready(),
      session_id: this.sessionId,
      resume_gateway_url: this.url,
    });
    for (const { t, d: data } of this.session.afterReady()) this.dispatch(t, data);
    this.emit('ready');
  }

  private resume(d: { token: string; session_id: string; seq: number }): void {
    this.resumes.push(d);
    if (d.session_id !== this.sessionId || this.sessionId === '') {
      this.send({ op: Op.InvalidSession, d: false });
      return;
    }
    const from = d.seq - this.replayExtraOnResume;
    this.replayExtraOnResume = 0;
    for (const e of this.log) {
      if (e.s > from) this.send({ op: Op.Dispatch, s: e.s, t: e.t, d: e.d });
    }
    this.live = true;
    this.dispatch('RESUMED', {});
    this.emit('resumed');
  }
}
