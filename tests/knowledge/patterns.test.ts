import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { readDecision } from '../../src/core/knowledge/decision.js';
import { hintWords } from '../../src/core/knowledge/hints.js';
import { answerReply } from '../../src/core/knowledge/replies.js';
import type { Answer, KnowledgeIndex } from '../../src/core/knowledge/search.js';
import { sentencesOf } from '../../src/core/knowledge/sentences.js';
import { root } from './eval/evaluate.js';
import { join } from 'node:path';

/** The patterns of issue 12's "Why", each with questions written for this test (none from either split). */
let index: KnowledgeIndex;
beforeAll(async () => {
  index = await loadKnowledge(join(root, 'knowledge'));
});

const topicOf = (a: Answer) => (a.kind === 'answer' ? a.topic.id : a.kind === 'decision' ? 'decision' : a.kind);
type Found = Extract<Answer, { kind: 'answer' }>;
const found = (q: string): Found => {
  const a = index.answer(q);
  if (a.kind !== 'answer') throw new Error(`"${q}" got ${a.kind}`);
  return a;
};

describe('casual verbs, idioms, typos and abbreviations', () => {
  it.each([
    ['we ditched go for rust last year, what did discord get out of doing the same', 'discord-read-states'],
    ['when did golang reach 1.0', 'go-origins'],
    ['is learning rust worth it for our team', 'rust-learning-curve'],
    ['wich web framwork shud i pick 4 a json api in golang', 'go-web-frameworks'],
    ['k8s n docker r written in go rite', 'go-cloud-native-projects'],
    ['gc pausez in go how long', 'go-gc-latency'],
    ['how lnog are go gabrage colelctor pauses', 'go-gc-latency'],
    ['why is go so boring', 'go-simplicity'],
    ['is rust reallly fatser than go for cpu heavy wokrloads', 'cpu-bound-benchmark-gap'],
  ])('GIVEN %j THEN it is answered from %s', (q, want) => {
    expect(topicOf(index.answer(q))).toBe(want);
  });
});

describe('words the later batches taught', () => {
  it.each([
    ['someone said rust is 5x faster than go, true?', 'cpu-bound-benchmark-gap'],
    ['rust vs go tldr pls', 'rust-vs-go-overview'],
    ['will our build pipeline get slower if we switch the service to rust', 'compile-times'],
    ['which is easier for a bootcamp grad to pick up, rust or go', 'go-simplicity'],
    ['who is behind go, is it just google?', 'go-origins'],
    ['what do ppl use rust for these days', 'rust-use-cases'],
  ])('GIVEN %j THEN it is answered from %s', (q, want) => {
    expect(topicOf(index.answer(q))).toBe(want);
  });

  it.each([
    ['what does cloud run cost per million requests for a go service', 'prices and licences'],
    ['go or c++ for a market data feed handler', 'C++'],
    ['what did shopify choose for its backend', 'Shopify'],
  ])('GIVEN %j THEN it is not answered: the base does not cover %s', (q, subject) => {
    const a = index.answer(q);
    expect(a.kind).toBe('uncovered');
    if (a.kind === 'uncovered') expect(a.subject).toBe(subject);
  });
});

describe('the decision question in free text', () => {
  it('GIVEN a described service asking rust or go THEN the stated factors are read, not "I don\'t know"', () => {
    const a = index.answer('got to launch an MVP within 5 weeks: a plain CRUD backend plus websockets, and our devs know python. rust or go?');
    expect(a.kind).toBe('decision');
    if (a.kind === 'decision') expect(a.factors.map((f) => f.id)).toEqual(['io', 'deadline', 'team']);
  });

  it('GIVEN the choice asked with verbs between the names ("move it to rust or keep it in go") THEN it is read as the decision', () => {
    const a = index.answer('image thumbnailing worker, mostly cpu, five go people on it. move it to rust or keep it in go');
    expect(a.kind).toBe('decision');
    if (a.kind === 'decision') expect(a.factors.map((f) => f.id)).toContain('cpu');
  });

  it.each([
    'sqlx vs diesel for the postgres layer of our rust api, which one should we use?',
    'how do i use pprof to see what allocates so much in our go api service',
  ])('GIVEN a choice between other things, or "how do I use" (%j) THEN it is not read as choosing a language', (q) => {
    expect(readDecision(q)).toBeUndefined();
  });

  it.each([
    'small internal crud api on postgres for a handful of users, is rust overkill here',
    'three junior devs and a websocket chat backend to build: should rust even be on the table',
    'which languge for a queue consumer that mostly writes rows to postgres',
  ])('GIVEN one language doubted for a described service, or "which language" misspelt (%j) THEN it is read as the decision', (q) => {
    expect(index.answer(q).kind).toBe('decision');
  });

  it.each([
    ['which language has better tooling for formatting code, rust or go?', 'go-tooling'],
    ['which of the two is more popular with developers, rust or go', 'stack-overflow-survey'],
  ])('GIVEN one attribute compared (%j) THEN the topic about it answers, not the decision read', (q, want) => {
    expect(readDecision(q)).toBeUndefined();
    expect(topicOf(index.answer(q))).toBe(want);
  });

  it.each([
    'small team, crud api on postgres, deadline in six weeks. which is better for us, rust or go?',
    'which is better suited to a queue consumer that writes to postgres, rust or go?',
  ])('GIVEN a plain "which is better for us" about a described service (%j) THEN it is still read for its factors', (q) => {
    expect(readDecision(q)).toBeDefined();
  });

  it('GIVEN the languages compared by name beside another comparison THEN it is still the choice', () => {
    expect(readDecision('rust vs go for the api, and postgres vs mysql under it: which one should we use?')?.map((f) => f.id)).toContain('io');
  });

  it('GIVEN a latency-critical compute service THEN the factors lean Rust', () => {
    const a = index.answer('we are building a video transcoding service with hard p99 latency targets, which language should we use?');
    expect(a.kind).toBe('decision');
    if (a.kind === 'decision') expect(a.factors.every((f) => f.lean === 'rust')).toBe(true);
  });
});

describe('a long message is matched on its last question', () => {
  it('GIVEN a paragraph about the team ending in a GC question THEN the GC topic answers, not the case study', () => {
    const q =
      'Some background first. We are a payments team of six, we read the Dropbox story about moving storage to Rust, ' +
      'and our CTO loved it. Most of our services are Go today and they are fine. ' +
      'But what I really want to know: how long do Go garbage collector pauses last these days?';
    expect(topicOf(index.answer(q))).toBe('go-gc-latency');
  });

  it('GIVEN a preamble that matches a topic and a closing "Rust or Go?" THEN the described service is read for its factors', () => {
    const q = 'Our whole platform runs on kubernetes and most of the infra tooling is in go. We need a new billing api, team of three. Rust or Go?';
    expect(topicOf(index.answer(q))).toBe('decision');
  });

  it('GIVEN a closing question without its question mark THEN it is still the question', () => {
    const q = 'Anyone read the Dropbox migration post? how long do go gc pauses last on a big heap';
    expect(topicOf(index.answer(q))).toBe('go-gc-latency');
  });

  it('GIVEN a closing question that matches nothing on its own THEN the preamble says what it is about', () => {
    const q = 'Choosing a Go web framework for an internal api and saw gin and echo everywhere. Which ones would you bet on?';
    expect(topicOf(index.answer(q))).toBe('go-web-frameworks');
  });

  it('GIVEN two closing questions in a row THEN both are the question', () => {
    expect(topicOf(index.answer('do go gc pauses still hurt? single digit ms or less?'))).toBe('go-gc-latency');
  });

  it('GIVEN a closing question that points back ("is that …?") THEN the preamble is what it asks about', () => {
    const q = 'A colleague posted a chart where Rust beats Go by about 30% on number crunching. Is that a measured figure or a guess?';
    expect(topicOf(index.answer(q))).toBe('cpu-bound-benchmark-gap');
  });
});

describe('what a question implies: a part for each language, the future tense', () => {
  it.each([
    ['could we keep the crud endpoints in go and move only the image resizing to rust?', 'hybrid-architectures'],
    ['go for the public apis, rust for the crypto core: does that split work in practice', 'hybrid-architectures'],
  ])('GIVEN %j THEN it is answered from %s', (q, want) => {
    expect(topicOf(index.answer(q))).toBe(want);
  });

  it.each([
    ['do you think rust will have pushed go out of backend work by 2035', 'future-trends'],
    ['will the go garbage collector still hurt our p99 after the upgrade', 'go-gc-latency'],
  ])('GIVEN the future tense %j THEN it is answered from %s', (q, want) => {
    expect(topicOf(index.answer(q))).toBe(want);
  });

  it('GIVEN the future tense about something else THEN it is not answered', () => {
    expect(index.answer('is it gonna snow in denver next week').kind).not.toBe('answer');
  });

  it.each([
    'go for orchestration rust for the codec, sensible?',
    'is calling rust from a go service through cgo a sane idea',
  ])('GIVEN %j THEN it is read as asking about a hybrid', (q) => {
    expect(hintWords(q)).toBe('hybrid');
  });

  it('GIVEN "where will i find …" THEN it is not read as the future tense', () => {
    expect(hintWords('where will i find good rust crates for postgres')).toBe('');
    expect(hintWords('will rust replace go for new backends')).toBe('outlook');
  });

  it('GIVEN the two languages compared, not each given a part THEN it is not read as a hybrid', () => {
    expect(hintWords('is go for backends better than rust for backends')).toBe('');
    expect(topicOf(index.answer('is it easier to write a web server in rust or in go'))).not.toBe('hybrid-architectures');
  });
});

describe('a false premise is said first', () => {
  it('GIVEN "since rust has a gc too" THEN the reply first says Rust has no garbage collector', () => {
    const a = found("since rust's gc is also concurrent, how short are its pauses?");
    expect(a.premise).toMatch(/Rust has no garbage collector/);
    expect(answerReply(a).sections[0]).toMatch(/^\*\*First, a correction to the question:\*\* Rust has no garbage collector/);
  });

  it.each([
    ['since go was designed by microsoft, does picking it lock us into azure?', 'go-origins', /Google/],
    ['rust came out of microsoft research, right?', 'rust-origins', /Graydon Hoare/],
  ])('GIVEN the false premise %j THEN the reply first says where the language came from', (q, topic, origin) => {
    const a = found(q);
    expect(a.topic.id).toBe(topic);
    expect(a.premise).toMatch(origin);
  });

  it('GIVEN "go has no generics" THEN the reply first says since when it has them', () => {
    expect(found('go has no generics, so how do people write reusable containers').premise).toMatch(/Go 1\.18/);
  });
});

describe('near-misses that name something the base does not cover', () => {
  it('GIVEN another language as the asker\'s background THEN the question about Go or Rust is answered', () => {
    expect(topicOf(index.answer('how quickly does a ruby dev pick up go'))).toBe('go-simplicity');
    expect(topicOf(index.answer('coming from kotlin, how steep is rust'))).toBe('rust-learning-curve');
    expect(index.answer('is go simpler than kotlin')).toMatchObject({ kind: 'uncovered', subject: 'Kotlin' });
  });

  it('GIVEN an uncovered name that only looks like a topic word THEN it is still uncovered ("vlang" is not "lang")', () => {
    expect(index.answer('vlang thoughts?')).toMatchObject({ kind: 'uncovered', subject: 'V' });
  });

  it('GIVEN a release no topic mentions THEN it is not answered from the release that is covered', () => {
    expect(index.answer('rust 1.72 changelog highlights').kind).not.toBe('answer');
    expect(topicOf(index.answer('rust 1.80 changelog highlights'))).toBe('rust-1-80-release');
  });


  it.each([
    ['how much does a rust license cost for a company', 'prices and licences'],
    ['is async-std a good runtime for our backend', 'async-std'],
    ['best ide setup for go, goland or vscode', 'IDEs and editors'],
    ['how do i install rust on windows', 'Windows'],
  ])('GIVEN %j THEN "I don\'t know about %s" with one nearest topic', (q, subject) => {
    const a = index.answer(q);
    expect(a.kind).toBe('uncovered');
    if (a.kind === 'uncovered') {
      expect(a.subject).toBe(subject);
      expect(a.suggestions.length).toBeLessThanOrEqual(1);
    }
  });
});

describe('the reply answers the question asked', () => {
  it('GIVEN a question about memory footprint THEN the performance card leads with its memory sentences', () => {
    const a = found('memory footprint of rust on our k8s nodes vs go, would it be smaller');
    expect(a.topic.id).toBe('rust-performance');
    expect(answerReply(a).sections[0]).toMatch(/data it keeps alive/);
  });

  it('GIVEN a question about calling Rust from Go through cgo THEN the hybrid card leads with how the two connect', () => {
    const a = found('go binary calling into a rust library through cgo, how bad is that');
    expect(a.topic.id).toBe('hybrid-architectures');
    expect(answerReply(a).sections[0]).toMatch(/cgo/);
  });

  it('GIVEN two questions on one topic THEN each leads with the sentences that answer it', () => {
    const when = answerReply(found('when did go 1.26 ship'));
    const gc = answerReply(found('how much does green tea cut gc overhead in go 1.26'));
    expect(when.sections[0]).toMatch(/10 February 2026/);
    expect(gc.sections[0]).toMatch(/Green Tea/);
    expect(when.sections[0]).not.toBe(gc.sections[0]);
    expect(when.title).toBeUndefined();
  });

  it('GIVEN a lead shorter than the card THEN at most three sentences and a More button', () => {
    const a = found('how big is a goroutine stack when it starts');
    expect(a.lead.length).toBeLessThanOrEqual(3);
    expect(answerReply(a).buttons?.[0]?.label).toBe('More');
  });

  it('GIVEN a question on another part of a corrected card THEN the correction is not shown', () => {
    const a = found('how much does green tea cut gc overhead in go 1.26');
    expect(a.correction).toBe(false);
    expect(answerReply(a).sections.join(' ')).not.toMatch(/generics/i);
  });

  it('GIVEN a question that touches the corrected claim THEN the correction is shown', () => {
    const a = found('rust 1.80 async runtime improvements, what were they');
    expect(a.topic.id).toBe('rust-1-80-release');
    const text = answerReply(a).sections.join('\n');
    expect(text).toMatch(/async/);
    expect(text.match(/Correction/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });
});

describe('sources tell the truth', () => {
  it.each([
    ['who designed go and when did they start', 'Go FAQ'],
    ['how small is a new goroutine stack', 'Go 1.4 release notes'],
    ['what about unsafe code, is it still memory safe in rust', 'Rustonomicon'],
    ['which cloud infrastructure tools like prometheus and etcd are in go', 'source repositories'],
  ])('GIVEN %j THEN the source line names %s, not only the article', (q, source) => {
    expect(answerReply(found(q)).context).toContain(source);
  });

  it('GIVEN an uncited sentence shown THEN the topic’s own source is named for it', () => {
    const a = found('does the article say go gc pauses are unpredictable');
    const shown = a.lead.map((i) => sentencesOf(a.topic.body)[i]);
    if (shown.some((s) => s?.cites.length === 0)) expect(answerReply(a).context).toContain(a.topic.source);
    else expect(answerReply(a).context).not.toContain(a.topic.source);
  });
});
