import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopics, loadVocabulary, topicDirs } from '../../src/core/knowledge/load.js';
import { createMemo, memoKey } from '../../src/core/knowledge/memo.js';
import { createKnowledgeIndex } from '../../src/core/knowledge/search.js';
import { root } from './eval/evaluate.js';

describe('the answer memo', () => {
  it('GIVEN more entries than it holds THEN the least recently used one goes first', () => {
    const memo = createMemo<number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    expect(memo.get('a')).toBe(1);
    memo.set('c', 3);
    expect(memo.get('b')).toBeUndefined();
    expect([memo.get('a'), memo.get('c'), memo.size]).toEqual([1, 3, 2]);
  });

  it('GIVEN a capacity of 0 THEN nothing is kept', () => {
    const memo = createMemo<number>(0);
    memo.set('a', 1);
    expect([memo.get('a'), memo.size]).toEqual([undefined, 0]);
  });

  it('GIVEN case and spacing differences THEN the key is the same, but a line break is kept', () => {
    expect(memoKey('  Does GO  have\tgenerics ')).toBe(memoKey('does go have generics'));
    expect(memoKey('intro.\nwhat about gc?')).not.toBe(memoKey('intro. what about gc?'));
  });

  it('GIVEN a question asked twice THEN the second answer is the remembered one, and it cannot be changed', async () => {
    const knowledge = join(root, 'knowledge');
    const index = createKnowledgeIndex(await loadTopics(topicDirs(knowledge)), await loadVocabulary(join(knowledge, 'synonyms.yaml')));
    const first = index.answer('Does Go GC hurt p99?');
    expect(index.answer('does go gc hurt p99?')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    if (first.kind === 'answer') expect(Object.isFrozen(first.lead)).toBe(true);
    const fresh = createKnowledgeIndex([], undefined, { memoSize: 0 });
    expect(fresh.answer('anything')).not.toBe(fresh.answer('anything'));
  });
});
