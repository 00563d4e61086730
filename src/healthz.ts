import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a health check reports; `ok` decides the status code, the rest is shown as it is. */
export interface HealthBody {
  readonly ok: boolean;
  readonly [key: string]: unknown;
}

export const HEALTHZ_PATH = '/healthz';

/** True for `GET /healthz` (any query string), the one request every health server answers. */
export function isHealthz(req: IncomingMessage): boolean {
  return req.method === 'GET' && (req.url ?? '').split('?')[0] === HEALTHZ_PATH;
}

/**
 * Answers a health check: 200 with the report when it is ok, 503 when not or when the check
 * itself failed (Docker's HEALTHCHECK and orchestrators read only the status).
 */
export function answerHealthz(res: ServerResponse, report: () => Promise<HealthBody>): void {
  report().then(
    (body) => res.writeHead(body.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
    (err: unknown) =>
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) })),
  );
}
