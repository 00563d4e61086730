import { z } from 'zod';
import type { RefusalCode } from './catalogue.js';
import type { Context } from './context.js';
import type { Button, ButtonStyle } from './messages.js';

/**
 * The button actions, as data. Each definition owns its name, the zod schema that reads the value
 * string back from the platform (untrusted: it may come from an old message or a forged payload),
 * and the encoding its buttons use, so renderers and handlers cannot drift apart. The handlers are
 * bound in src/core/features/index.ts (domain modules render buttons; features handle them), and
 * src/core/bot.ts refuses an unknown action or a malformed value there, in one place.
 *
 * Wire format, frozen: buttons stay on messages for months (a poll runs up to 30 days), so names
 * and value strings never change; tests/fixtures/store-v1 holds buttons the first release posted.
 */
export interface ActionDef<V> {
  readonly name: string;
  readonly value: z.ZodType<V, string>;
  /** What the user hears when the value does not parse. */
  readonly malformed: RefusalCode;
  readonly encode: (value: V) => string;
  button(label: string, value: V, style?: ButtonStyle): Button;
  /** Binds the handler; the result is what src/core/features/index.ts registers. */
  handledBy(handler: (ctx: Context, value: V) => Promise<void>): BoundAction;
}

/** An action with its handler: reads the raw value and refuses a malformed one before the handler runs. */
export interface BoundAction {
  readonly name: string;
  run(ctx: Context, raw: string): Promise<void>;
}

/** The id of a session, result or poll: `shortId()` makes 10 base-36 characters. */
const ID_PATTERN = '[a-z0-9]{4,16}';
export const idSchema = z.string().regex(new RegExp(`^${ID_PATTERN}$`));
/** A knowledge topic id (kebab-case). */
const TOPIC_PATTERN = '[a-z0-9-]{1,60}';

function define<V>(name: string, malformed: RefusalCode, value: z.ZodType<V, string>, encode: (value: V) => string): ActionDef<V> {
  return {
    name,
    value,
    malformed,
    encode,
    button: (label, v, style) => ({ label, action: name, value: encode(v), ...(style ? { style } : {}) }),
    handledBy: (handler) => ({
      name,
      async run(ctx, raw) {
        const parsed = value.safeParse(raw);
        if (!parsed.success) return ctx.refuse(malformed);
        await handler(ctx, parsed.data);
      },
    }),
  };
}

/** A string schema: the whole value matches `pattern`, and its groups become the value. */
function matching<V>(pattern: string, read: (groups: string[]) => V): z.ZodType<V, string> {
  const re = new RegExp(`^${pattern}$`);
  return z
    .string()
    .max(100)
    .regex(re)
    .transform((s) => read((re.exec(s) ?? []).slice(1)));
}

export interface StepValue {
  sessionId: string;
  step: number;
}
export interface AnswerValue extends StepValue {
  optionId: string;
}
export interface VoteValue {
  pollId: string;
  option: number;
}
interface FeedbackValue {
  topicId: string;
  vote: 'up' | 'down';
}

export const checklistAnswer = define<AnswerValue>(
  'checklist.answer',
  'button_checklist',
  matching(`(${ID_PATTERN}):(\\d{1,2}):([a-z0-9-]{1,40})`, ([s, n, o]) => ({ sessionId: s ?? '', step: Number(n), optionId: o ?? '' })),
  (v) => `${v.sessionId}:${v.step}:${v.optionId}`,
);

export const checklistNext = define<StepValue>(
  'checklist.next',
  'button_checklist',
  matching(`(${ID_PATTERN}):(\\d{1,2})`, ([s, n]) => ({ sessionId: s ?? '', step: Number(n) })),
  (v) => `${v.sessionId}:${v.step}`,
);

/** The decision record of a finished checklist; the value is the result id. */
export const checklistRecord = define<string>('checklist.record', 'button_checklist', idSchema, (id) => id);

export const pollVote = define<VoteValue>(
  'poll.vote',
  'button_poll',
  matching(`(${ID_PATTERN}):(\\d{1,2})`, ([p, n]) => ({ pollId: p ?? '', option: Number(n) })),
  (v) => `${v.pollId}:${v.option}`,
);

export const pollClose = define<string>('poll.close', 'button_poll', idSchema, (id) => id);

/** "Start a team poll" under a checklist result; the value is the result id. */
export const pollFromChecklist = define<string>('poll.fromChecklist', 'button_checklist', idSchema, (id) => id);

/** Shows a knowledge topic; the value is its id. */
export const knowledgeAsk = define<string>('knowledge.ask', 'topic_gone', matching(`(${TOPIC_PATTERN})`, ([t]) => t ?? ''), (t) => t);

/** The rest of a topic's card after an answer's leading sentences; the value is the topic id. */
export const knowledgeMore = define<string>('knowledge.more', 'topic_gone', matching(`(${TOPIC_PATTERN})`, ([t]) => t ?? ''), (t) => t);

/** "Start the full checklist" under a preliminary read of a described service; the value is always `start`. */
export const knowledgeChecklist = define<'start'>('knowledge.checklist', 'button_unknown', matching('(start)', () => 'start' as const), (v) => v);

export const knowledgeFeedback = define<FeedbackValue>(
  'knowledge.feedback',
  'button_feedback',
  matching(`(${TOPIC_PATTERN}):(up|down)`, ([t, v]) => ({ topicId: t ?? '', vote: v === 'up' ? 'up' : 'down' })),
  (v) => `${v.topicId}:${v.vote}`,
);

/** A logged decision's record; the value is the decision id. */
export const decisionsRecord = define<string>('decisions.record', 'button_decision', idSchema, (id) => id);

/** The next page of the decision log; the value is where it starts. */
export const decisionsMore = define<number>('decisions.more', 'button_decision', matching('(\\d{1,4})', ([n]) => Number(n)), (n) => String(n));

/** The how-to from the Slack Home view; the value names where it was pressed (`home`). */
export const decisionsHowto = define<string>('decisions.howto', 'button_decision', matching('([a-z]{1,16})', ([v]) => v ?? ''), (v) => v);
