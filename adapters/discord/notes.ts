import type { Reply } from '../../src/core/messages.js';
import { SLASH_PREFIX } from './translate.js';

/** Short private answers the Discord adapter gives on its own, where the core had nothing to say. */

/** The command's answer was posted as a regular channel message so that it can be kept current. */
export function postedInChannel(): Reply {
  return { ephemeral: true, sections: ['Posted in the channel, where I will keep it up to date.'] };
}

/** The bot could not post in the channel, so the answer lives in the interaction response. */
export function updatesStopSoon(): Reply {
  return {
    ephemeral: true,
    sections: [
      "I'm not allowed to post messages here, so the message above is my answer to your command instead. Discord lets me change such an answer for a short while only, so it will stop updating after 15 minutes; presses on it still count.",
      `\`${SLASH_PREFIX} results\` shows the current count at any time.`,
    ],
  };
}

/** A button the bot cannot read: from an older release, or not one of the bot's at all. */
export function unusableButton(): Reply {
  return { ephemeral: true, sections: ["That button isn't one I can act on any more. Try the command again for a fresh one."] };
}
