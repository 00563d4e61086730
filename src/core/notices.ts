import { plain, say } from './catalogue.js';
import type { Reply } from './messages.js';

/**
 * Words for situations an adapter detects on its own (the platform refused a post). Adapters
 * decide when; the core still writes what the user reads.
 */

/** The bot was asked for something in a channel it is not a member of. */
export function notInChannel(botName: string): Reply {
  return {
    ephemeral: true,
    sections: [
      `I can't post in this channel because I'm not a member of it yet. Invite me with \`/invite @${botName}\` and try again, or message me directly.`,
    ],
  };
}

/** A command came from a direct message between people, where the bot cannot post. */
export function notInPrivateConversation(botName: string): Reply {
  return {
    ephemeral: true,
    sections: [
      `I can't take part in a direct message between people. Use me in a channel I'm in, or open a direct message with @${botName}.`,
    ],
  };
}

/** The platform denied the bot access to a channel; `permissions` lists what the bot needs there. */
export function missingPermissions(permissions: readonly string[]): Reply {
  return {
    sections: [
      `I don't have the permissions I need in this channel. Ask an admin to give me: ${permissions.join(', ')}.`,
    ],
  };
}

/** The conversation core failed on a request; the adapter still owes the user an answer. */
export function somethingWentWrong(): Reply {
  return {
    ephemeral: true,
    sections: [say('failure', plain)],
  };
}

/** Appended when a platform's message size limit forced an adapter to cut a reply short. */
export const TRIMMED_NOTE = '… (shortened to fit in one message)';
