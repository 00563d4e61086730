import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Manifest {
  features: { app_home: { messages_tab_enabled: boolean }; bot_user: { display_name: string }; slash_commands: Array<{ command: string; url: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[]; request_url: string }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

describe('the Slack app manifest', () => {
  it('declares the command, scopes, events, interactivity and the DM tab the adapter relies on', async () => {
    const m = parse(await readFile('adapters/slack/manifest.yml', 'utf8')) as Manifest;
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(['/rustgo']);
    expect(m.features.slash_commands[0]?.url).toMatch(/\/slack\/events$/);
    expect(m.features.app_home.messages_tab_enabled).toBe(true);
    expect(m.features.bot_user.display_name).toBeTruthy();
    expect(m.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'app_mentions:read', 'im:history', 'im:read', 'im:write', 'users:read', 'files:write']),
    );
    expect(m.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.settings.socket_mode_enabled).toBe(false);
  });
});
