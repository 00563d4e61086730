import { createHmac } from 'node:crypto';

/** Signs a request body the way Slack does: v0 HMAC-SHA256 over `v0:timestamp:body`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface SignOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Signs with this secret instead (a bad signature). */
  secret?: string;
  headers?: Record<string, string>;
}

export function signed(secret: string, body: string, contentType: string, options: SignOptions = {}): SignedRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      // Bolt's HTTP receiver accepts form bodies only without a charset, as Slack sends them.
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.secret ?? secret, timestamp, body),
      ...options.headers,
    },
  };
}

export function commandRequest(secret: string, fields: Record<string, string>, options?: SignOptions): SignedRequest {
  return signed(secret, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

export function eventRequest(secret: string, payload: unknown, options?: SignOptions): SignedRequest {
  return signed(secret, JSON.stringify(payload), 'application/json', options);
}

export function actionRequest(secret: string, payload: unknown, options?: SignOptions): SignedRequest {
  return signed(secret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
}

export async function send(url: string, request: SignedRequest): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  return { status: res.status, body: await res.text() };
}

let seq = 0;
const next = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;

/** Slack's slash-command fields; only the ones RustGo reads vary. */
export function commandFields(
  text: string,
  user: { id: string; name?: string },
  channel = { id: 'C1', name: 'general' },
  responseUrl = 'http://127.0.0.1:1/unused',
): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T1',
    team_domain: 'acme',
    channel_id: channel.id,
    channel_name: channel.name,
    user_id: user.id,
    user_name: user.name ?? user.id.toLowerCase(),
    command: '/rustgo',
    text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `trig-${next()}`,
  };
}

/** An Events API callback wrapping `event`. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev${next()}`): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/** A block_actions payload: `user` pressed the button with `actionId`/`value` on message `ts`. */
export function blockActions(options: {
  user: { id: string; name?: string };
  channel: string;
  ts: string;
  threadTs?: string;
  actionId: string;
  value: string;
  responseUrl: string;
}): Record<string, unknown> {
  const actionTs = `${Date.now() / 1000}`;
  return {
    type: 'block_actions',
    team: { id: 'T1', domain: 'acme' },
    user: { id: options.user.id, username: options.user.name ?? options.user.id.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    container: { type: 'message', message_ts: options.ts, channel_id: options.channel, is_ephemeral: false, thread_ts: options.threadTs },
    trigger_id: `trig-${next()}`,
    channel: { id: options.channel, name: 'general' },
    message: { type: 'message', ts: options.ts, thread_ts: options.threadTs, user: 'UBOT', bot_id: 'BBOT', text: '' },
    response_url: options.responseUrl,
    actions: [{ type: 'button', action_id: options.actionId, block_id: 'b1', value: options.value, action_ts: actionTs }],
  };
}
