import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HTTPModuleFunctions as http, type App, type Logger as BoltLogger, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { answerHealthz, isHealthz, type HealthBody } from '../../src/healthz.js';
import { isRecord } from './gate.js';
import { httpAck } from './http-ack.js';

export interface HttpReceiverOptions {
  signingSecret: string;
  /** Our own lines: refusals, faults. */
  log: Logger;
  /** Bolt's logger bridge, for Bolt's ack helper. */
  boltLogger: BoltLogger;
  /** Served as `GET /healthz`; without it that path answers 404. */
  health?: (() => Promise<HealthBody>) | undefined;
}

const EVENTS_PATH = '/slack/events';

/**
 * Bolt's HTTP receiver rebuilt from Bolt's own `HTTPModuleFunctions`, with two differences: a body
 * that is not a JSON object (`null`, an array, a number, a form whose `payload` is one of those) is
 * refused with 400 before anything reads a field of it (Bolt's `HTTPReceiver` reads
 * `body.ssl_check` first and so throws on `null` outside any handler, which ends the process); and
 * the ack is `httpAck`, which writes a reply body without serialising it again. Signature and
 * timestamp checks, `ssl_check` and `url_verification` are Bolt's own.
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | undefined;

  constructor(private readonly options: HttpReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  /** Takes what Bolt's `App.start` is given: a port, or a port and the interface to listen on. */
  async start(at: number | { port: number; host?: string | undefined }): Promise<Server> {
    const { port, host } = typeof at === 'number' ? { port: at, host: undefined } : at;
    const server = createServer((req, res) => this.route(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const health = this.options.health;
    if (health && isHealthz(req)) return answerHealthz(res, health);
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== EVENTS_PATH) return http.buildNoBodyResponse(res, 404);
    this.receive(req, res).catch((err: unknown) => {
      this.options.log.error({ err }, 'failed to receive a Slack request');
      if (!res.headersSent) http.buildNoBodyResponse(res, 500);
    });
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log } = this.options;
    let buffered: Awaited<ReturnType<typeof http.parseAndVerifyHTTPRequest>>;
    try {
      buffered = await http.parseAndVerifyHTTPRequest({ signingSecret: this.options.signingSecret }, req);
    } catch (err) {
      const tooLarge = http.isRawBodyError(err) && err.statusCode === 413;
      log.warn({ reason: tooLarge ? 'too large' : 'not verified' }, 'refused a Slack request');
      return http.buildNoBodyResponse(res, tooLarge ? 413 : 401);
    }
    const body = parsed(buffered);
    if (!isRecord(body)) {
      log.warn({ body: body === undefined ? 'unparsable' : Array.isArray(body) ? 'array' : typeof body }, 'refused a Slack request whose body is not a JSON object');
      return http.buildNoBodyResponse(res, 400);
    }
    if (body.ssl_check === '1') return http.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') {
      if (typeof body.challenge !== 'string') return http.buildNoBodyResponse(res, 400);
      return http.buildUrlVerificationResponse(res, body);
    }
    await this.dispatch(buffered, body, res);
  }

  private async dispatch(req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const ack = httpAck(req, res, this.options.boltLogger);
    const event: ReceiverEvent = {
      body,
      ack: ack.ack,
      retryNum: http.extractRetryNumFromHTTPRequest(req),
      retryReason: http.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    };
    try {
      await this.app?.processEvent(event);
    } catch (error) {
      const handled = await http.defaultProcessEventErrorHandler({
        error: error as Error,
        logger: this.options.boltLogger,
        request: req,
        response: res,
        storedResponse: undefined,
      });
      if (handled) ack.settle();
    }
  }
}

/** The request's body as Bolt parses it, or undefined when it is not parsable at all. */
function parsed(req: Parameters<typeof http.parseHTTPRequestBody>[0]): unknown {
  try {
    return http.parseHTTPRequestBody(req) as unknown;
  } catch {
    return undefined;
  }
}
