/**
 * Everything the bot says when it refuses or fails, keyed by a stable code, so one wording serves
 * both platforms and a test can name the situation instead of the sentence.
 */
export interface Said {
  /** A command as the user would type it here: `/rustgo poll`. */
  cmd(command: string): string;
  /** A detail to slot in: a record's problem, a backup key, a name. */
  detail?: string | undefined;
  /** A number to slot in: a limit, a length. */
  n?: number | undefined;
  /** Where a damaged record's copy was kept. */
  backupKey?: string | undefined;
}

const detail = (s: Said) => s.detail ?? 'unknown problem';

const entries = {
  failure: () => 'Something went wrong on my side and I could not finish that. Please try again in a moment.',
  busy: () => "I'm swamped right now and had to drop that request. Please try again in a moment.",
  lock_lost: () => 'Someone changed this at the same moment and my copy was out of date, so I did not save yours. Please try again.',
  store_unavailable: () => "I can't reach my memory right now, so I can't do that. Please try again in a moment.",
  slow_down: (s: Said) =>
    `You're going a bit fast for me: I take up to ${s.n ?? 0} a minute from each person. Give it a moment and try again.`,
  too_long: (s: Said) =>
    `That message is ${(s.n ?? 0).toLocaleString('en-US')} characters long; I read up to 4,000. Please shorten it and try again.`,
  button_unknown: () => "I don't recognise that button. It may come from an older version of me; try the command again.",
  button_poll: () => "That button doesn't belong to a poll I know.",
  button_checklist: () => "That button doesn't belong to a checklist I know.",
  button_decision: () => "That button doesn't belong to a list I know.",
  button_feedback: () => "That feedback button doesn't belong to an answer I know.",
  topic_gone: () => "I don't have that topic any more. Type the question instead, or see the list with topics.",
  poll_usage: (s: Said) => `${detail(s)} Usage: ${s.cmd('poll [anonymous] [hidden] [remind] [for 2h] QUESTION | OPTION | OPTION')}`,
  poll_not_here: (s: Said) =>
    `That poll doesn't belong to this channel, or I no longer have it. Start a new one with ${s.cmd('poll')}.`,
  poll_damaged: (s: Said) =>
    `The saved poll is damaged (${detail(s)}), so I can't use it. A copy is kept under the backup key \`${s.backupKey ?? '?'}\`; ` +
    `${s.cmd('export')} writes what still reads, an admin can ${s.cmd('close')} it, or start a new one with ${s.cmd('poll')}.`,
  poll_damaged_closed: (s: Said) =>
    `I closed the damaged poll: it takes no more votes and has no deadline. Its last saved state is kept under the backup key \`${s.backupKey ?? '?'}\`.`,
  poll_salvaged: (s: Said) =>
    `The newest poll here is damaged, so this CSV holds only what still reads. The full saved copy is under the backup key \`${s.backupKey ?? '?'}\`.`,
  poll_closed: () => 'This poll is closed; votes no longer count.',
  poll_already_closed: () => 'This poll is closed already.',
  poll_unknown_option: () => "That isn't one of this poll's options.",
  poll_not_yours: (s: Said) => `Only the person who started this poll (${detail(s)}), or an admin, can close it early.`,
  no_open_poll: () => 'There is no open poll in this channel.',
  no_poll: (s: Said) => `There is no poll in this channel yet. Start one with ${s.cmd('poll')}.`,
  no_closed_poll: () => 'There is no closed poll in this channel yet; I export a poll once it is closed.',
  checklist_damaged: (s: Said) =>
    `The saved checklist for this conversation is damaged (${detail(s)}), so I can't continue it. Type ${s.cmd('checklist restart')} to keep a backup copy and start over.`,
  checklist_gone: (s: Said) => `This checklist is no longer running. Type ${s.cmd('checklist')} to start a new one.`,
  checklist_none: () => 'There is no checklist running here.',
  checklist_not_yours_restart: () => 'Only the person who started this checklist, or an admin, can restart it.',
  checklist_not_yours_cancel: () => 'Only the person who started this checklist, or an admin, can cancel it.',
  checklist_stale: () => 'That question is already behind us. Use the buttons on the newest checklist message.',
  checklist_unknown_option: () => "That isn't one of this question's answers.",
  checklist_no_answers: () => 'Nobody has answered this question yet. Pick an answer first, then press Next.',
  result_damaged: (s: Said) => `The saved result of that checklist is damaged (${detail(s)}), so I can't write its decision record.`,
  result_gone: (s: Said) => `I no longer have that checklist's result. Run ${s.cmd('checklist')} again to get a new one.`,
} satisfies Record<string, (s: Said) => string>;

export type CatalogueCode = keyof typeof entries;
/** Codes for a user's request the bot turns down (everything except the two failures). */
export type RefusalCode = Exclude<CatalogueCode, 'failure' | 'store_unavailable'>;

export function say(code: CatalogueCode, said: Said): string {
  return entries[code](said);
}

/** For text said outside any conversation (adapters' own fallbacks), where no command prefix applies. */
export const plain: Said = { cmd: (c) => `\`${c}\`` };
