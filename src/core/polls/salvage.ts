import { z } from 'zod';
import type { FileAttachment } from '../messages.js';
import { votesCsv } from './render.js';

/**
 * What still reads of a damaged poll record: the options and the votes that name one of them.
 * Each part falls back on its own, so one bad field does not lose the rest.
 */
const salvageable = z.object({
  options: z.array(z.string()).catch([]),
  anonymous: z.boolean().catch(true),
  votes: z.record(z.string(), z.unknown()).catch({}),
});

const vote = z.object({ o: z.number().int().min(0), n: z.string().optional() });

/** The CSV of a damaged poll's readable part, or undefined when not even its options read. */
export function salvageCsv(raw: unknown): FileAttachment | undefined {
  const parsed = salvageable.safeParse(raw);
  if (!parsed.success || parsed.data.options.length === 0) return undefined;
  const { options, anonymous } = parsed.data;
  const counts = options.map(() => 0);
  const names: string[][] = options.map(() => []);
  let total = 0;
  for (const entry of Object.values(parsed.data.votes)) {
    const v = vote.safeParse(entry);
    if (!v.success || v.data.o >= options.length) continue;
    counts[v.data.o] = (counts[v.data.o] ?? 0) + 1;
    if (v.data.n !== undefined && !anonymous) names[v.data.o]?.push(v.data.n);
    total++;
  }
  return votesCsv('poll-salvaged.csv', options, anonymous, { counts, names, total });
}
