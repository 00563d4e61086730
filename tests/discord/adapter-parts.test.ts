import { DiscordAPIError, RESTJSONErrorCodes, type InteractionWebhook } from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import { screenedStrategy } from '../../adapters/discord/gateway-screen.js';
import { InFlight } from '../../adapters/discord/in-flight.js';
import { INTERACTION_TOKEN_MS, InteractionEdits } from '../../adapters/discord/interaction-edits.js';
import { capturingLogger } from '../helpers/logs.js';

/** The Discord adapter's parts on their own, without a gateway or a client. */

const apiError = (code: number, status: number) =>
  new DiscordAPIError({ code, message: 'refused' }, code, status, 'PATCH', 'http://127.0.0.1/x', { body: undefined, files: undefined });

describe('InFlight', () => {
  it('GIVEN work that starts more work and work that fails THEN idle waits for all of it and does not reject', async () => {
    const work = new InFlight();
    const done: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    void work.track(gate.then(() => {
      done.push('first');
      void work.track(Promise.resolve().then(() => done.push('second')));
    }));
    work.track(Promise.reject(new Error('no'))).catch(() => undefined);
    const idle = work.idle().then(() => done.push('idle'));
    release();
    await idle;
    expect(done).toEqual(['first', 'second', 'idle']);
    expect(work.size).toBe(0);
  });
});

describe('InteractionEdits', () => {
  const webhook = (editMessage: (...a: unknown[]) => Promise<unknown>) => ({ editMessage }) as unknown as InteractionWebhook;

  it('GIVEN a message it was not told about THEN it is not its to edit', async () => {
    const edits = new InteractionEdits(capturingLogger().logger);
    expect(await edits.edit('1', { content: 'x' })).toBe('not-mine');
  });

  it('GIVEN a remembered response THEN it is edited through the webhook until the token runs out, then left alone', async () => {
    let now = 1_000_000;
    const edit = vi.fn(async () => ({}));
    const edits = new InteractionEdits(capturingLogger().logger, () => now);
    edits.remember('42', { webhook: webhook(edit), createdTimestamp: now });
    expect(await edits.edit('42', { content: 'a' })).toBe('edited');
    expect(edit).toHaveBeenCalledWith('42', { content: 'a' });
    now += INTERACTION_TOKEN_MS;
    expect(await edits.edit('42', { content: 'b' })).toBe('expired');
    expect(edit).toHaveBeenCalledTimes(1);
  });

  it('GIVEN Discord says the token is gone THEN the message is left alone from then on; other failures are not hidden', async () => {
    const { logger, lines } = capturingLogger();
    const edit = vi.fn(async () => Promise.reject(apiError(RESTJSONErrorCodes.InvalidWebhookToken, 401)));
    const edits = new InteractionEdits(logger);
    edits.remember('7', { webhook: webhook(edit), createdTimestamp: Date.now() });
    expect(await edits.edit('7', { content: 'a' })).toBe('expired');
    expect(await edits.edit('7', { content: 'b' })).toBe('expired');
    expect(edit).toHaveBeenCalledTimes(1);
    expect(lines.join('\n')).toMatch(/token expired early/);

    const broken = new InteractionEdits(logger);
    broken.remember('8', { webhook: webhook(async () => Promise.reject(apiError(RESTJSONErrorCodes.MissingPermissions, 403))), createdTimestamp: Date.now() });
    await expect(broken.edit('8', { content: 'a' })).rejects.toBeInstanceOf(DiscordAPIError);
  });
});

describe('screened gateway strategy', () => {
  type Emitter = { emit: (event: string, payload: unknown) => boolean };
  const screened = (target: Emitter) => (screenedStrategy(capturingLogger().logger)(target as never) as unknown as { manager: Emitter }).manager;

  it('GIVEN a malformed message or interaction dispatch THEN discord.js never sees it', () => {
    const emit = vi.fn(() => true);
    const manager = screened({ emit });
    for (const d of [null, {}, { id: '1', channel_id: '2', author: { id: '3' }, content: 'x'.repeat(9_000), mentions: [] }]) {
      expect(manager.emit('dispatch', { data: { t: 'MESSAGE_CREATE', d } })).toBe(false);
    }
    expect(manager.emit('dispatch', { data: { t: 'INTERACTION_CREATE', d: { id: 'x' } } })).toBe(false);
    expect(emit).not.toHaveBeenCalled();
    const good = { id: '1', channel_id: '2', author: { id: '3' }, content: 'hi', mentions: [] };
    expect(manager.emit('dispatch', { data: { t: 'MESSAGE_CREATE', d: good } })).toBe(true);
    expect(emit).toHaveBeenCalledTimes(1);
  });

  it('GIVEN discord.js throws on a dispatch THEN the throw stops at the screen', () => {
    const manager = screened({ emit: () => { throw new TypeError("Cannot read properties of null (reading 'id')"); } });
    expect(manager.emit('dispatch', { data: { t: 'GUILD_CREATE', d: null } })).toBe(false);
  });
});
