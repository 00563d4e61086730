import type { BaseMessageOptions } from 'discord.js';
import type { Reply } from '../../src/core/messages.js';
import type { Logger } from '../../src/logger.js';
import { messageOptions, renderReply } from './render.js';

/** Renders a reply for discord.js, noting in the log when buttons had to be left out. */
export function optionsFor(reply: Reply, logger: Logger, forEdit = false): BaseMessageOptions {
  const rendered = renderReply(reply);
  if (rendered.droppedButtons > 0) {
    logger.warn({ dropped: rendered.droppedButtons, title: reply.title }, 'buttons left out of a Discord message (limit, repeat or over-long id)');
  }
  return messageOptions(rendered, forEdit);
}
