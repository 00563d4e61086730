import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions as http, ReceiverMultipleAckError, type Logger as BoltLogger } from '@slack/bolt';
import { ackBytes } from './ack-body.js';

/** Slack gives up on an ack after 3 s; like Bolt, a request nobody acked is answered 404 just after. */
const UNACKED_AFTER_MS = 3_001;

export interface HttpAck {
  /** Bolt's `ack`: answers the request, once; a second call throws as Bolt's does. */
  readonly ack: (body?: string | Record<string, unknown>) => Promise<void>;
  /** Marks the request answered by someone else (an error handler), so the 404 timer stands down. */
  settle(): void;
}

/**
 * The ack of one HTTP delivery, as Bolt's `HTTPResponseAck` with `processBeforeResponse: false`
 * does it, but writing a JSON body as bytes with their length (no chunked encoding), taken from
 * `ack-body.ts`, so a body serialised or encoded ahead is not serialised or encoded again.
 */
export function httpAck(req: IncomingMessage, res: ServerResponse, logger: BoltLogger): HttpAck {
  let acked = false;
  const timer = setTimeout(() => {
    if (!acked) http.defaultUnhandledRequestHandler({ logger, request: req, response: res });
  }, UNACKED_AFTER_MS);
  const settle = () => {
    acked = true;
    clearTimeout(timer);
  };
  return {
    settle,
    async ack(body) {
      if (acked) throw new ReceiverMultipleAckError();
      settle();
      if (!body || typeof body === 'string') return http.buildContentResponse(res, body);
      const bytes = ackBytes(body);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
      res.end(bytes);
    },
  };
}
