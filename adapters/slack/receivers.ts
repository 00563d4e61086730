import { SocketModeReceiver, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { SlackConfig } from '../../src/config.js';
import { BotError } from '../../src/errors.js';
import type { HealthBody } from '../../src/healthz.js';
import type { Logger } from '../../src/logger.js';
import { screened } from './gate.js';
import { SlackHttpReceiver } from './http-receiver.js';
import { guardSocketFrames } from './socket-guard.js';

/** The receiver for the configured mode, behind the payload gate (and, in Socket Mode, the frame guard). */
export function createReceiver(config: SlackConfig, log: Logger, boltLogger: BoltLogger, health?: () => Promise<HealthBody>): Receiver {
  if (config.mode === 'socket') {
    if (!config.appToken) throw new BotError('config_invalid', 'SLACK_APP_TOKEN: Socket Mode needs an app-level token (xapp-…)');
    const socket = new SocketModeReceiver({
      appToken: config.appToken,
      logger: boltLogger,
      // No HTTP server in Socket Mode: the composition root serves /healthz on PORT itself.
      installerOptions: { clientOptions: config.apiUrl ? { slackApiUrl: config.apiUrl } : {} },
    });
    guardSocketFrames(socket, log);
    return screened(socket, log);
  }
  if (!config.signingSecret) throw new BotError('config_invalid', 'SLACK_SIGNING_SECRET: HTTP mode needs the app’s signing secret');
  return screened(new SlackHttpReceiver({ signingSecret: config.signingSecret, log, boltLogger, health }), log);
}
