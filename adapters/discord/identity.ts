import type { BotIdentity } from './translate.js';

/** The bot's own user, learnt from READY; mentions of it address the bot, its own messages are ignored. */
export class Identity {
  current: BotIdentity = { id: '', name: 'RustGo' };

  learn(user: { readonly id: string; readonly username: string }): void {
    this.current = { id: user.id, name: user.username };
  }
}
