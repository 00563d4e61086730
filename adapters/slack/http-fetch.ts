import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * A small `fetch` for the Web API client and response_url posts, on node:http with keep-alive.
 * undici's WHATWG fetch costs several times more CPU per call, and that work competes with
 * acknowledging the next request within Slack's 3 s. Bodies other than text or bytes (the
 * multipart upload of files) are handed to the global fetch.
 */
export function createHttpFetch(options: { maxSockets?: number } = {}): typeof fetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };

  return async function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const body = init.body;
    const simple = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
    if (input instanceof Request || !simple || (init.redirect && init.redirect !== 'error' && init.redirect !== 'manual')) {
      return fetch(input, init);
    }
    const url = new URL(String(input));
    const secure = url.protocol === 'https:';
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const payload = body === undefined || body === null ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
    if (payload) headers['content-length'] = String(payload.byteLength);
    const send = (retried: boolean) =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = (secure ? httpsRequest : httpRequest)(
          url,
          { method: init.method ?? 'GET', headers, agent: secure ? agents.https : agents.http, signal: init.signal ?? undefined },
          resolve,
        );
        req.once('error', (err: NodeJS.ErrnoException) => {
          // A kept-alive socket the server closed just as it was reused: the server was done with it and did
          // not take the request, so it is sent once more on a new connection (the remedy Node's docs give).
          // Otherwise a deliverable reply would fail, and the user would hear that something went wrong.
          if (!retried && req.reusedSocket && err.code === 'ECONNRESET') resolve(send(true));
          else reject(err);
        });
        req.end(payload);
      });
    const res = await send(false);
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
      else if (value !== undefined) responseHeaders.set(name, value);
    }
    const status = res.statusCode ?? 500;
    const nullBody = status === 204 || status === 304 || (status >= 100 && status < 200);
    return new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: responseHeaders });
  };
}
