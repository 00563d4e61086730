import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy on 127.0.0.1 in front of a fake API that holds chosen calls back for a while, so a
 * test can stop a process while it waits for them (the window between two steps becomes wide).
 */
export interface SlowProxy {
  /** The proxy's URL for `target`'s path, e.g. `http://127.0.0.1:PORT/api/`. */
  readonly url: string;
  /** Milliseconds to hold back requests whose path contains the key, e.g. `{ 'chat.update': 200 }`. */
  delays: Record<string, number>;
  close(): Promise<void>;
}

export async function startSlowProxy(target: string, delays: Record<string, number> = {}): Promise<SlowProxy> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const delay = Object.entries(proxy.delays).find(([key]) => path.includes(key))?.[1] ?? 0;
      setTimeout(() => {
        const out = request(
          { host: upstream.hostname, port: upstream.port, method: req.method, path, headers: { ...req.headers, host: upstream.host } },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        out.on('error', () => res.writeHead(502).end());
        out.end(Buffer.concat(chunks));
      }, delay);
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const proxy: SlowProxy = {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    delays,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
