import { z } from 'zod';

/** Topic ids double as file names, button values and store keys: kebab-case, short. */
export const topicId = z
  .string()
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be a kebab-case id such as "go-gc-latency"' });

const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max);

/** Names a source in a topic's `sources`; a body sentence cites one as `{s7}` just before its full stop. */
export const sourceId = z
  .string()
  .max(30)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be a short kebab-case id such as "s7" or "go-blog"' });

/**
 * Where the article is wrong, overstated or unverifiable: what it says and what the public record says.
 * `source` is an id from the topic's `sources`, or for a team's own topic any short text.
 */
export const correctionSchema = z.strictObject({
  claim: text(500),
  fact: text(800),
  source: text(300),
});

/** A belief a question may carry that the topic contradicts: any `when` phrase in the question, and `says` comes first. */
export const premiseSchema = z.strictObject({
  when: z.array(text(60)).min(1).max(20),
  says: text(300),
});

/** The YAML front matter of a topic file. */
export const frontMatterSchema = z.strictObject({
  id: topicId,
  title: text(100),
  tags: z.array(text(60)).min(1, { error: 'needs at least one tag' }),
  /** Where the sentences without a `{id}` citation come from. */
  source: text(300),
  /** Other sources, cited by id in the body (`{s7}`) and by the correction. */
  sources: z.record(sourceId, text(300)).default({}),
  /** Questions as people type them; searched beside the title, tags and body. */
  examples: z.array(text(200)).max(60).default([]),
  premises: z.array(premiseSchema).max(5).default([]),
  related: z.array(topicId).max(3).default([]),
  correction: correctionSchema.optional(),
});

/** A knowledge entry: front matter plus a body short enough for one chat message (plain text, `**bold**`, `` `code` ``). */
export const topicSchema = frontMatterSchema.extend({
  body: text(1500),
});

/** A validated knowledge entry. */
export type Topic = z.infer<typeof topicSchema>;
export type Correction = z.infer<typeof correctionSchema>;

/**
 * The search vocabulary (`knowledge/synonyms.yaml`): groups of words or phrases that mean the same thing,
 * words that occur in almost every question and so should carry little weight, and the subjects
 * (languages, products, tools, prices, OSes) that the knowledge base does not cover.
 */
export const vocabularySchema = z.strictObject({
  groups: z.array(z.array(text(60)).min(2, { error: 'a synonym group needs at least two entries' })).default([]),
  weak: z.array(text(30)).default([]),
  /**
   * Subjects the base does not cover, by kind (product, runtime, language, tool, price, os): each entry's
   * first item is the name said back to the user ("I don't know about async-std"), the rest are the words
   * or phrases that name it in a question.
   */
  uncovered: z.record(z.string().regex(/^[a-z]+$/), z.array(z.array(text(40)).min(1))).default({}),
});

export type Vocabulary = z.infer<typeof vocabularySchema>;
