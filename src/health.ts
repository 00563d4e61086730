import { createServer, type Server } from 'node:http';
import { answerHealthz, isHealthz } from './healthz.js';
import type { Store } from './state/store.js';

export type AdapterState = 'starting' | 'running' | 'stopped' | 'failed';

export type HealthReport = {
  ok: boolean;
  store: { kind: string; reachable: boolean };
  adapters: Record<string, AdapterState>;
  /** Damaged records seen since start: backed up and reported to users, so not a reason to fail the check. */
  damagedRecords: number;
  /** This process's memory in MB: resident set and V8 heap in use. */
  memory: { rssMb: number; heapUsedMb: number };
};

/** Tracks adapter states and answers "is this process healthy?" for orchestrators. */
export class Health {
  private readonly adapters = new Map<string, AdapterState>();

  constructor(
    private readonly store: Store,
    private readonly damaged: () => number = () => 0,
  ) {}

  set(adapter: string, state: AdapterState): void {
    this.adapters.set(adapter, state);
  }

  async report(): Promise<HealthReport> {
    const reachable = await this.store.ping();
    const adapters = Object.fromEntries(this.adapters);
    const ok = reachable && Object.values(adapters).every((s) => s === 'running');
    const { rss, heapUsed } = process.memoryUsage();
    const mb = (bytes: number) => Math.round(bytes / 104_857.6) / 10;
    return { ok, store: { kind: this.store.kind, reachable }, adapters, damagedRecords: this.damaged(), memory: { rssMb: mb(rss), heapUsedMb: mb(heapUsed) } };
  }
}

/** A bare HTTP server answering `GET /healthz` (200 when healthy, 503 when not); 404 for anything else. */
export async function startHealthServer(port: number, report: () => Promise<HealthReport>, host?: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (isHealthz(req)) return answerHealthz(res, report);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (host) server.listen(port, host, resolve);
    else server.listen(port, resolve);
  });
  return server;
}
