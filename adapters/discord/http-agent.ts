import { createRequire } from 'node:module';
import type { RESTOptions } from 'discord.js';

type Dispatcher = NonNullable<RESTOptions['agent']>;

/**
 * An HTTP agent from the very undici copy that discord.js's REST client uses. Without it REST falls
 * back to Node's global dispatcher, which @slack/bolt 5 replaces with undici 7 when it loads; undici
 * 6 then fails every multipart request (attachments) with "action is not a function".
 */
export function discordHttpAgent(): Dispatcher {
  const here = createRequire(import.meta.url);
  const fromDiscord = createRequire(here.resolve('discord.js'));
  const fromRest = createRequire(fromDiscord.resolve('@discordjs/rest'));
  const { Agent } = fromRest('undici') as { Agent: new () => Dispatcher };
  return new Agent();
}
