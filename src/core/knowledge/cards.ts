import { pickLead } from './lead.js';
import type { Topic } from './schema.js';
import { sentencesOf } from './sentences.js';

/** Share of a correction's terms that the shown sentences already carry, above which it would only repeat them. */
const REPEATS = 0.6;

/** Picks, for a topic and a question's terms, the sentences to lead with and whether to show the correction. */
export interface CardReader {
  read(topic: Topic, focus: ReadonlySet<string>, premiseSaid: boolean): { lead: number[]; correction: boolean };
}

export function createCardReader(topics: readonly Topic[], documentTerms: (text: string) => string[], isWeak: (term: string) => boolean): CardReader {
  const sentenceTerms = new Map(topics.map((t) => [t.id, sentencesOf(t.body).map((s) => new Set(documentTerms(s.text)))]));
  // A claim's words that also name the topic ("Go 1.26") do not show that a question is about the claim.
  const claimTerms = new Map(
    topics.map((t) => {
      const subject = new Set([...documentTerms(t.title), ...documentTerms(t.tags.join(' . '))]);
      return [t.id, documentTerms(t.correction?.claim ?? '').filter((w) => !subject.has(w) && !isWeak(w))];
    }),
  );
  const factTerms = new Map(topics.map((t) => [t.id, new Set(documentTerms(t.correction?.fact ?? ''))]));
  return {
    read(topic, focus, premiseSaid) {
      const sentences = sentenceTerms.get(topic.id) ?? [];
      const lead = pickLead(sentences, focus, isWeak);
      const touched = (claimTerms.get(topic.id) ?? []).some((t) => focus.has(t));
      const repeats = saidBy(lead.map((i) => sentences[i]), factTerms.get(topic.id));
      return { lead, correction: topic.correction !== undefined && touched && !premiseSaid && !repeats };
    },
  };
}

/** True when the shown sentences already say most of a correction. */
function saidBy(shown: ReadonlyArray<ReadonlySet<string> | undefined>, fact: ReadonlySet<string> | undefined): boolean {
  if (!fact || fact.size === 0) return false;
  let said = 0;
  for (const t of fact) if (shown.some((s) => s?.has(t))) said += 1;
  return said / fact.size > REPEATS;
}
