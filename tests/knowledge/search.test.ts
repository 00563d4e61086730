import fc from 'fast-check';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTopics, loadVocabulary, topicDirs } from '../../src/core/knowledge/load.js';
import type { Topic } from '../../src/core/knowledge/schema.js';
import { createKnowledgeIndex, type KnowledgeIndex } from '../../src/core/knowledge/search.js';
import { stripMarkup, tokenize, words } from '../../src/core/knowledge/text.js';

const knowledge = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'knowledge');
let index: KnowledgeIndex;

beforeAll(async () => {
  index = createKnowledgeIndex(await loadTopics(topicDirs(knowledge)), await loadVocabulary(join(knowledge, 'synonyms.yaml')));
});

const answeredBy = (q: string) => {
  const a = index.answer(q);
  return a.kind === 'answer' ? a.topic.id : 'unknown';
};

describe('platform markup', () => {
  it.each([
    ['<!channel> does go have generics', 'does go have generics'],
    ['<!here|here> gc?', 'gc?'],
    ['<@U024BE7LH> hi', 'hi'],
    ['<@U024BE7LH|alice> hi', 'hi'],
    ['<!subteam^S123|@backend> tide?', 'tide?'],
    ['<#C123|general> wasm', 'wasm'],
    ['@everyone goroutines', 'goroutines'],
    ['@here goroutines', 'goroutines'],
    ['<@123456789012345678> <@!42> <@&77> <#99> cargo', 'cargo'],
    ['<:ferris:123456> <a:party:42> rust', 'rust'],
    ['see <https://go.dev/doc|the go docs>', 'see the go docs'],
    ['&lt;!channel&gt; gc', 'gc'],
  ])('GIVEN %j THEN the markup is removed', (input, expected) => {
    expect(stripMarkup(input).replace(/\s+/g, ' ').trim()).toBe(expected);
  });

  it('GIVEN markup around a real question THEN it is answered as if the markup were not there', () => {
    expect(answeredBy('<!channel> <@U123> is tide still maintained?')).toBe('rust-web-frameworks');
    expect(answeredBy('@everyone @here does golang gc hurt p99')).toBe('go-gc-latency');
  });

  it('GIVEN only markup THEN the answer is unknown with no suggestions', () => {
    expect(index.answer('<!channel> @everyone <@U123>')).toEqual({ kind: 'unknown', suggestions: [] });
  });
});

describe('hostile input never throws', () => {
  const inputs: Array<[string, string]> = [
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['punctuation only', '?!?!... ,,, ;;; ---'],
    ['emoji', '🦀🦀🦀 vs 🐹🐹 ???'],
    ['other scripts', 'Rust と Go のどちらが速いですか？ Почему Go? ما هو Rust'],
    ['4,000 characters', 'gc latency '.repeat(364)],
    ['4,000 characters of one word', 'a'.repeat(4000)],
    ['control characters', '\u0000\u0007\u001b[31mgc\u001b[0m'],
    ['lone surrogate', '\ud800 gc \udfff'],
    ['regex specials', '.*+?^${}()|[]\\ (?<x>gc)'],
    ['html', '<script>alert(1)</script> gc'],
    ['zero-width', 'g\u200bc l\u200datency'],
  ];
  it.each(inputs)('GIVEN %s THEN one of the outcomes comes back', (_name, q) => {
    const a = index.answer(q);
    expect(['answer', 'clarify', 'unknown', 'uncovered']).toContain(a.kind);
  });

  it('GIVEN any string THEN answer() does not throw and returns a known topic or unknown', () => {
    const ids = new Set(index.topics.map((t) => t.id));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (q) => {
        const a = index.answer(q);
        if (a.kind === 'answer') expect(ids).toContain(a.topic.id);
        else if (a.kind !== 'decision') expect(a.suggestions.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN non-string input at run time THEN it is treated as text', () => {
    expect(index.answer(undefined as unknown as string).kind).toBe('unknown');
    expect(index.answer(42 as unknown as string).kind).toBe('unknown');
  });
});

describe('reading questions', () => {
  it('GIVEN versions, dotted names and c++ THEN tokens survive', () => {
    expect(tokenize('rust 1.80, crates.io and c++.')).toEqual(['rust', '1.80', 'crates.io', 'and', 'c++']);
  });

  it('GIVEN a version glued to its name THEN name and version are two words', () => {
    expect(tokenize('what did go1.26 bring, and rust1.80?')).toEqual(['what', 'did', 'go', '1.26', 'bring', 'and', 'rust', '1.80']);
  });

  it('GIVEN words joined by a plus, or a language with its edition glued on THEN they are separate words', () => {
    expect(tokenize('a rust+go stack, not c++20 or c#12')).toEqual(['a', 'rust', 'go', 'stack', 'not', 'c++', '20', 'or', 'c#', '12']);
  });

  it('GIVEN .net beside net/http THEN only the dotted name keeps its dot', () => {
    expect(tokenize('.NET or net/http')).toEqual(['.NET', 'or', 'net', 'http']);
    expect(index.explain('is net/http enough for a go api').units.some((u) => u.foreign)).toBe(false);
    expect(index.answer('is .net faster than go for web apis')).toMatchObject({ kind: 'uncovered', subject: 'C#' });
  });

  it("GIVEN possessives and plurals THEN they fold (go's → go, goroutines → goroutine)", () => {
    expect(words("Go's goroutines and libraries")).toEqual(['go', 'goroutine', 'and', 'library']);
  });

  it('GIVEN synonyms THEN a question in other words finds the entry', () => {
    expect(answeredBy('golang garbage collection pauses')).toBe('go-gc-latency');
    expect(answeredBy('green threads in go?')).toBe('goroutines');
    expect(answeredBy('webassembly at the edge')).toBe('wasm-edge');
    expect(answeredBy('serverless rust on aws')).toBe('aws-lambda');
  });

  it('GIVEN a typo THEN fuzzy matching still finds the entry', () => {
    expect(answeredBy('garbge colector latency')).toBe('go-gc-latency');
    expect(answeredBy('goroutnes')).toBe('goroutines');
  });

  it('GIVEN only "rust" or "go" THEN the answer is unknown', () => {
    expect(answeredBy('rust')).toBe('unknown');
    expect(answeredBy('golang?')).toBe('unknown');
  });

  it('GIVEN another language THEN the reply says which subject is not covered, never the user text', () => {
    for (const [q, subject] of [['does zig have a gc', 'Zig'], ['java generics', 'Java'], ['is async-std better than tokio', 'async-std']] as const) {
      const a = index.answer(q);
      expect(a.kind).toBe('uncovered');
      if (a.kind === 'uncovered') expect(a.subject).toBe(subject);
    }
  });

  it('GIVEN an answer THEN its related topics come along, resolved', () => {
    const a = index.answer('go gc pauses');
    expect(a.kind).toBe('answer');
    if (a.kind === 'answer') expect(a.related.map((t) => t.id)).toEqual(a.topic.related);
  });

  it('GIVEN no vocabulary and one topic THEN the index still answers on its words', () => {
    const topic: Topic = {
      id: 'only',
      title: 'Only topic',
      tags: ['ferris'],
      source: 'test',
      sources: {},
      examples: [],
      premises: [],
      related: [],
      body: 'About the crab mascot.',
    };
    const small = createKnowledgeIndex([topic]);
    expect(small.answer('ferris mascot?').kind).toBe('answer');
    expect(small.answer('weather').kind).toBe('unknown');
    expect(createKnowledgeIndex([]).answer('anything').kind).toBe('unknown');
  });

  it('GIVEN an off-topic question with one word near a body word THEN it is "I don\'t know", not "did you mean"', () => {
    expect(index.answer('banana bread recipe pls').kind).toBe('unknown');
  });

  it('GIVEN two topics that match a question alike THEN it is asked back with both, not answered', () => {
    const topic = (id: string, title: string, body: string): Topic => ({
      id, title, tags: ['crab'], source: 'test', sources: {}, examples: [], premises: [], related: [], body,
    });
    // Other topics around them, as in a real base: a word in two topics out of two says little.
    const others = Array.from({ length: 10 }, (_, i) => topic(`other-${i}`, `Unrelated subject ${i}`, `Filler text number ${i}.`));
    const pair = createKnowledgeIndex([topic('left', 'Crab mascot colours', 'The mascot is orange.'), topic('right', 'Crab mascot names', 'The mascot is Ferris.'), ...others]);
    const a = pair.answer('crab mascot');
    expect(a.kind).toBe('clarify');
    if (a.kind === 'clarify') expect(a.suggestions.slice(0, 2).map((t) => t.id).sort()).toEqual(['left', 'right']);
    expect(pair.answer('crab mascot colours').kind).toBe('answer');
  });
});
