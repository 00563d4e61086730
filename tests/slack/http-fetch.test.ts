import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetch } from '../../adapters/slack/http-fetch.js';
import { packageRoot } from '../../src/paths.js';

/** Echoes what it received, the way Slack's Web API answers a POST. */
function echo(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/empty') return void res.writeHead(204).end();
    const body = Buffer.concat(chunks).toString();
    res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
    res.end(JSON.stringify({ ok: true, method: req.method, type: req.headers['content-type'], auth: req.headers.authorization, body }));
  });
}

function runNode(script: string, env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += String(c)));
    child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
    child.on('exit', () => resolve({ stdout, stderr }));
  });
}

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
})();

describe('the Slack adapter’s fetch', () => {
  const server = createHttpServer(echo);
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('GIVEN a form POST THEN method, headers and body arrive and the answer reads like fetch’s', async () => {
    const res = await createHttpFetch()(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer xoxb-1' },
      body: 'channel=C1&text=%3C%21channel%3E',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await res.json()).toEqual({
      ok: true,
      method: 'POST',
      type: 'application/x-www-form-urlencoded',
      auth: 'Bearer xoxb-1',
      body: 'channel=C1&text=%3C%21channel%3E',
    });
  });

  it('GIVEN a 204 THEN an empty body, not an error', async () => {
    const res = await createHttpFetch()(`${base}/empty`, { method: 'POST', body: new Uint8Array([1, 2]) });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it('GIVEN a multipart body THEN it goes through the global fetch and still arrives', async () => {
    const form = new FormData();
    form.append('file', new Blob(['# ADR']), 'adr.md');
    const res = await createHttpFetch()(`${base}/upload`, { method: 'POST', body: form });
    const answer = (await res.json()) as { type: string; body: string };
    expect(answer.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(answer.body).toContain('# ADR');
  });

  // Real Slack is HTTPS; this runs the https branch against a local server whose self-signed
  // certificate the child process trusts through NODE_EXTRA_CA_CERTS.
  it.skipIf(!hasOpenssl)('GIVEN an https URL THEN the request goes over TLS and is answered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rustgo-tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const tls = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, echo);
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const port = (tls.address() as AddressInfo).port;
    try {
      const module = join(packageRoot(), 'dist', 'adapters', 'slack', 'http-fetch.js');
      const script = `const { createHttpFetch } = await import(${JSON.stringify(module)});
        const res = await createHttpFetch()('https://127.0.0.1:${port}/api/auth.test', { method: 'POST', body: 'token=x' });
        process.stdout.write(JSON.stringify({ status: res.status, body: await res.json() }));`;
      // Asynchronous: a synchronous child would block this process's TLS server.
      const child = await runNode(script, { ...process.env, NODE_EXTRA_CA_CERTS: cert });
      expect(child.stderr).toBe('');
      expect(JSON.parse(child.stdout)).toEqual({ status: 200, body: expect.objectContaining({ ok: true, method: 'POST', body: 'token=x' }) });
    } finally {
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });
});

describe('the Slack adapter’s fetch on a kept-alive connection the server drops', () => {
  /**
   * A server that answers the first request on each connection and keeps it open, then resets the
   * connection when a second request arrives on it: the race of a reused socket that the server closed.
   */
  function dropsReusedConnections() {
    const sockets = new Set<Socket>();
    const server = createTcpServer((socket: Socket) => {
      sockets.add(socket);
      let served = 0;
      socket.on('data', (chunk: Buffer) => {
        if (!chunk.toString().includes('\r\n\r\n')) return;
        served += 1;
        if (served > 1) return void socket.resetAndDestroy();
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: keep-alive\r\n\r\n{"ok":true}');
      });
      socket.on('error', () => {});
    });
    const close = () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    };
    return { server, connections: () => sockets.size, close };
  }

  it('GIVEN the reused socket is reset THEN the request is sent once more on a new connection and answered', async () => {
    const { server, connections, close } = dropsReusedConnections();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/resp`;
    const fetchOnce = createHttpFetch();
    try {
      const first = await fetchOnce(url, { method: 'POST', body: '{"text":"one"}' });
      expect(await first.json()).toEqual({ ok: true });
      const second = await fetchOnce(url, { method: 'POST', body: '{"text":"two"}' });
      expect(await second.json()).toEqual({ ok: true });
      expect(connections()).toBe(2);
    } finally {
      await close();
    }
  });
});
