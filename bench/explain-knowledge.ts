/**
 * Shows how the knowledge search reads questions: `npm run bench:build && node dist-bench/bench/explain-knowledge.js "does go gc hurt p99"`
 */
import { join } from 'node:path';
import { loadTopics, loadVocabulary, topicDirs } from '../src/core/knowledge/load.js';
import { createKnowledgeIndex } from '../src/core/knowledge/search.js';

const root = join(process.cwd(), 'knowledge');
const index = createKnowledgeIndex(await loadTopics(topicDirs(root)), await loadVocabulary(join(root, 'synonyms.yaml')));
for (const q of process.argv.slice(2)) {
  const e = index.explain(q);
  const units = e.units.map((u) => `${u.text}${u.weak ? '(w)' : ''}${u.foreign ? '(f)' : ''}${u.inTop ? '✓' : '✗'}`).join(' ');
  const results = e.results.map((r) => `${r.id}:${r.score.toFixed(1)}[${r.terms.join(',')}]`).join('  ');
  console.log(`${e.confident ? 'ANSWER ' : 'UNKNOWN'} "${q}"\n   units: ${units}  cov=${e.coverage.toFixed(2)}\n   ${results}`);
}
