import { it } from 'vitest';
import { loadIndex, loadSplit } from './evaluate.js';
it.runIf(process.env['DEV_MISSES'])('scratch', async () => {
  const { index } = await loadIndex();
  const dev = await loadSplit('dev');
  const rows: string[] = [];
  for (const { q, topics } of dev) {
    const e = index.explain(q);
    const a = index.answer(q);
    const top = e.results[0]; const second = e.results[1];
    const ok = top ? topics.includes(top.id) : topics.length === 0;
    rows.push([a.kind.padEnd(9), ok ? 'TOPOK' : 'topno', (topics.length ? 'A' : 'U'), e.coverage.toFixed(2), (top?.score ?? 0).toFixed(1), ((top?.score ?? 0) / (second?.score ?? 1)).toFixed(2), e.units.filter(u=>!u.weak).length, e.units.filter(u=>u.inTop).length, q.slice(0, 70)].join('\t'));
  }
  console.log(rows.join('\n'));
});
