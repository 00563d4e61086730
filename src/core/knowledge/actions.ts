/**
 * The knowledge feature's button actions and their value formats, in one place (registered in
 * src/core/features/index.ts).
 */

/** Shows a topic's full card, as if its title had been asked; value: a topic id. Also the "Did you mean" buttons. */
export const ASK_ACTION = 'knowledge.ask';
/** The rest of the card after an answer's leading sentences; value: a topic id. */
export const MORE_ACTION = 'knowledge.more';
/** Helpful / Not helpful; value: `topic-id:up` or `topic-id:down`. */
export const FEEDBACK_ACTION = 'knowledge.feedback';
/** Starts the full checklist after a preliminary read; value: always `start`. */
export const CHECKLIST_ACTION = 'knowledge.checklist';
export const CHECKLIST_VALUE = 'start';

const FEEDBACK_VALUE = /^([a-z0-9-]{1,60}):(up|down)$/;

export const feedbackValue = (topicId: string, vote: 'up' | 'down') => `${topicId}:${vote}`;

/** A feedback button's value read back, or undefined when it was not made by `feedbackValue`. */
export function parseFeedbackValue(value: string): { topicId: string; vote: 'up' | 'down' } | undefined {
  const match = FEEDBACK_VALUE.exec(value);
  return match ? { topicId: match[1] as string, vote: match[2] as 'up' | 'down' } : undefined;
}
