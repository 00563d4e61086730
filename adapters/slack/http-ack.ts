import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions as http, ReceiverMultipleAckError, type Logger as BoltLogger } from '@slack/bolt';
import { ackJson } from './ack-body.js';

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
 * does it, but writing a JSON body with its length in one piece: the header and the body go out in
 * one write instead of a chunked `writev`, and a body serialised ahead (`ack-body.ts`) is not
 * serialised again.
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
      const json = ackJson(body);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    },
  };
}
