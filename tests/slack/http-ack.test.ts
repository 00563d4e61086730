import type { IncomingMessage, ServerResponse } from 'node:http';
import { ReceiverMultipleAckError } from '@slack/bolt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ackBody } from '../../adapters/slack/ack-body.js';
import { httpAck } from '../../adapters/slack/http-ack.js';

/** Records what an ack writes, as node:http's ServerResponse would receive it. */
function fakeResponse() {
  const written: { status?: number; headers?: Record<string, unknown>; body?: string; ends: number } = { ends: 0 };
  const res = {
    headersSent: false,
    writeHead(status: number, headers?: Record<string, unknown>) {
      written.status = status;
      written.headers = headers;
      this.headersSent = true;
      return this;
    },
    end(body?: string) {
      written.body = body;
      written.ends++;
      return this;
    },
  };
  return { res: res as unknown as ServerResponse, written };
}

const req = { method: 'POST', url: '/slack/events' } as IncomingMessage;
const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn(), setLevel: vi.fn(), getLevel: vi.fn(), setName: vi.fn() };

afterEach(() => vi.useRealTimers());

describe('GIVEN the HTTP ack of one Slack delivery', () => {
  it('WHEN acked with a reply body THEN it is written once as JSON with its length (no chunked encoding)', async () => {
    const { res, written } = fakeResponse();
    const body = ackBody({ sections: ['Hello “there” & <you>'], ephemeral: true });
    await httpAck(req, res, logger).ack(body);
    expect(written.status).toBe(200);
    expect(written.headers).toEqual({ 'content-type': 'application/json', 'content-length': Buffer.byteLength(written.body ?? '') });
    expect(JSON.parse(written.body ?? '')).toEqual(JSON.parse(JSON.stringify(body)));
  });

  it('WHEN acked empty THEN it answers 200 without a body, and a second ack throws as Bolt’s does', async () => {
    const { res, written } = fakeResponse();
    const { ack } = httpAck(req, res, logger);
    await ack();
    expect(written).toMatchObject({ status: 200, ends: 1 });
    expect(written.body).toBeUndefined();
    await expect(ack()).rejects.toBeInstanceOf(ReceiverMultipleAckError);
  });

  it('WHEN nobody acks within 3 seconds THEN it answers 404, and not when an error handler answered first', () => {
    vi.useFakeTimers();
    const unacked = fakeResponse();
    httpAck(req, unacked.res, logger);
    const settled = fakeResponse();
    httpAck(req, settled.res, logger).settle();
    vi.advanceTimersByTime(3_001);
    expect(unacked.written.status).toBe(404);
    expect(settled.written.ends).toBe(0);
  });
});
