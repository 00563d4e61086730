import { z } from 'zod';

/** Topic ids double as file names, button values and store keys: kebab-case, short. */
export const topicId = z
  .string()
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be a kebab-case id such as "go-gc-latency"' });

const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max);

/** Where the article is wrong, overstated or unverifiable: what it says and what the public record says. */
export const correctionSchema = z.strictObject({
  claim: text(500),
  fact: text(800),
  source: text(300),
});

/** The YAML front matter of a topic file. */
export const frontMatterSchema = z.strictObject({
  id: topicId,
  title: text(100),
  tags: z.array(text(60)).min(1, { error: 'needs at least one tag' }),
  source: text(300),
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
 * words that occur in almost every question and so should carry little weight, and names of other
 * languages and products that the knowledge base does not cover.
 */
export const vocabularySchema = z.strictObject({
  groups: z.array(z.array(text(60)).min(2, { error: 'a synonym group needs at least two entries' })).default([]),
  weak: z.array(text(30)).default([]),
  /** Other languages and products; a question about one gets "I don't know" unless the best entry names it. */
  foreign: z.array(text(30)).default([]),
});

export type Vocabulary = z.infer<typeof vocabularySchema>;
