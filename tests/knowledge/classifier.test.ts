import { cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { keepModelCurrent } from '../../src/classifier-build.js';
import { modelFile } from '../../src/classifier-file.js';
import { readModel, writeModel } from '../../src/classifier-model.js';
import { trainBuiltIn } from '../../src/classifier-train.js';
import { createClassifier, type ClassifierData } from '../../src/core/knowledge/classifier/classifier.js';
import { choose, specificTopic, type CombineTuning } from '../../src/core/knowledge/classifier/combine.js';
import { probabilities, train } from '../../src/core/knowledge/classifier/softmax.js';
import { loadTopics, loadVocabulary, topicDirs } from '../../src/core/knowledge/load.js';
import { topicSchema, type Topic, type Vocabulary } from '../../src/core/knowledge/schema.js';
import type { Explanation } from '../../src/core/knowledge/score.js';
import { createKnowledgeIndex, textReader } from '../../src/core/knowledge/search.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const knowledge = join(root, 'knowledge');
const devFile = join(root, 'tests', 'knowledge', 'eval', 'dev.yaml');
let topics: Topic[];
let vocabulary: Vocabulary;
let model: ClassifierData;

beforeAll(async () => {
  topics = await loadTopics(topicDirs(knowledge));
  vocabulary = await loadVocabulary(join(knowledge, 'synonyms.yaml'));
  model = await trainBuiltIn(topics, vocabulary, devFile);
}, 30_000);

/** A build folder of its own, with a stand-in build record (the training fingerprint includes it). */
function scratchBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rustgo-model-'));
  writeFileSync(join(dir, '.tsbuildinfo'), '{"version":"build one"}');
  return dir;
}

describe('softmax regression', () => {
  const samples = [
    { x: { indexes: [0], values: [1] }, labels: [0] },
    { x: { indexes: [1], values: [1] }, labels: [1] },
    { x: { indexes: [0, 2], values: [0.7, 0.7] }, labels: [0] },
    { x: { indexes: [1, 2], values: [0.7, 0.7] }, labels: [1] },
  ];
  const options = { classes: 2, dimensions: 3, epochs: 50, l2: 1e-4, learningRate: 0.5, seed: 1 };

  it('GIVEN two classes told apart by one feature each THEN it learns them', () => {
    const m = train(samples, options);
    expect(probabilities(m, { indexes: [0], values: [1] })[0]).toBeGreaterThan(0.9);
    expect(probabilities(m, { indexes: [1, 2], values: [0.7, 0.7] })[1]).toBeGreaterThan(0.9);
  });

  it('GIVEN the same samples and seed THEN the weights are the same to the bit; another seed visits them in another order', () => {
    const bytes = (seed: number) => Buffer.from(train(samples, { ...options, seed }).weights.buffer);
    expect(bytes(1).equals(bytes(1))).toBe(true);
    expect(bytes(1).equals(bytes(2))).toBe(false);
  });
});

describe('the built-in classifier', () => {
  it('GIVEN the same topics and dev split THEN training twice gives the same model, so builds are reproducible', async () => {
    const again = await trainBuiltIn(topics, vocabulary, devFile);
    expect(again.classes).toEqual(model.classes);
    expect(again.features).toEqual(model.features);
    expect(Buffer.from(again.model.weights.buffer).equals(Buffer.from(model.model.weights.buffer))).toBe(true);
  }, 30_000);

  it('GIVEN a model written and read back THEN it ranks every class exactly as the one trained', () => {
    const build = scratchBuild();
    writeModel(model, 'inputs', topics, vocabulary, build);
    const read = readModel(topics, vocabulary, build);
    expect(read?.features).toEqual(model.features);
    const reader = textReader(topics, vocabulary);
    const q = 'does go have a garbage collector pause problem';
    expect(createClassifier(read as ClassifierData, reader).rank(q)).toEqual(createClassifier(model, reader).rank(q));
  });

  it('GIVEN no model, a damaged one or one trained for other topics THEN none is read', () => {
    const build = scratchBuild();
    expect(readModel(topics, vocabulary, build)).toBeUndefined();
    writeModel(model, 'inputs', topics, vocabulary, build);
    const good = readFileSync(modelFile(build));
    writeFileSync(modelFile(build), good.subarray(0, good.length - 4));
    expect(readModel(topics, vocabulary, build), 'truncated weights').toBeUndefined();
    const damaged = Buffer.from(good);
    damaged.write('not json', 4);
    writeFileSync(modelFile(build), damaged);
    expect(readModel(topics, vocabulary, build), 'damaged header').toBeUndefined();
    writeFileSync(modelFile(build), good);
    const edited = topics.map((t, i) => (i === 0 ? { ...t, examples: [...t.examples, 'one more example'] } : t));
    expect(readModel(edited, vocabulary, build), 'examples edited since').toBeUndefined();
    expect(readModel(topics, vocabulary, build)).toBeDefined();
  });

  it('GIVEN unanswerable dev questions the scorer alone answers THEN with the model it asks back instead', () => {
    const plain = createKnowledgeIndex(topics, vocabulary);
    const withModel = createKnowledgeIndex(topics, vocabulary, { classifier: model });
    for (const q of ['what\'s the SLA on AWS App Runner?', 'how do i ask my manager for a raise after shipping a big migration']) {
      expect(plain.answer(q).kind, q).toBe('answer');
      expect(withModel.answer(q).kind, q).toBe('clarify');
    }
  });

  it('GIVEN no model THEN the index answers as the scorer alone does', () => {
    const withNone = createKnowledgeIndex(topics, vocabulary, { classifier: undefined });
    const plain = createKnowledgeIndex(topics, vocabulary);
    for (const q of ['how big is a goroutine stack', 'is rust faster than go', 'how do i exit vim']) expect(withNone.answer(q)).toEqual(plain.answer(q));
  });
});

describe('a team topic from KNOWLEDGE_DIR', () => {
  const team = topicSchema.parse({
    id: 'team-on-call-rota',
    title: 'Our on-call rota for the payments service',
    tags: ['on-call', 'rota', 'pager', 'payments service'],
    source: 'The platform team',
    examples: ['who is on call for payments this week', 'how does the pager rota work', 'payments on-call handover'],
    body: 'The payments service has a weekly on-call rota. Handover is on Monday at ten; the pager goes to the primary first.',
  });

  it('GIVEN the built-in model, which has never seen the team topic THEN it is still read, and the team topic is answered', () => {
    const build = scratchBuild();
    writeModel(model, 'inputs', topics, vocabulary, build);
    const all = [...topics, team];
    const classifier = readModel(all, vocabulary, build);
    expect(classifier).toBeDefined();
    const index = createKnowledgeIndex(all, vocabulary, { classifier });
    const a = index.answer('who is on call for the payments service this week?');
    expect(a.kind === 'answer' ? a.topic.id : a.kind).toBe(team.id);
    const b = index.answer('how big is a goroutine stack');
    expect(b.kind === 'answer' ? b.topic.id : b.kind).toBe('goroutines');
  });
});

describe('combining scorer and classifier', () => {
  const tuning: CombineTuning = { rescue: 0.4, candidates: 5, scorerWeight: 2, doubt: 0.8, doubted: 0.1, unsure: 0.2, disputing: 0.3, overrule: 0.7, overruled: 0.2, agree: 0.5, agreeUncovered: 0.7, agreeOther: 0.8, specific: 0.6, specificAgree: 0.3 };
  const topic = (id: string) => topics.find((t) => t.id === id) as Topic;
  const judged = (confident: boolean, near: boolean, scores = [100, 40], outside = false) =>
    ({ confident, near, outside, results: ['goroutines', 'go-gc-latency'].map((id, i) => ({ id, score: scores[i] ?? 0, terms: [] })) }) as unknown as Explanation;
  const sure = (id: string, p: number) => ({ classes: ['', 'goroutines', 'go-gc-latency', 'rust-performance'], rank: () => [{ id, p }] });
  const ranked = () => [topic('goroutines'), topic('go-gc-latency')];

  it.each([
    ['a confident scorer well ahead, and a classifier only fairly sure of its second', true, false, { classes: sure('', 0).classes, rank: () => [{ id: 'go-gc-latency', p: 0.6 }, { id: 'goroutines', p: 0.35 }] }, 'goroutines'],
    ['a near match the classifier is sure of', false, true, sure('go-gc-latency', 0.5), 'go-gc-latency'],
    ['a near match the classifier is unsure of', false, true, sure('go-gc-latency', 0.3), 'none'],
    ['a near match the classifier thinks nobody answers', false, true, sure('', 0.9), 'none'],
    ['a near match the classifier places outside the scorer’s list', false, true, sure('rust-performance', 0.9), 'none'],
    ['too little matched for a "did you mean", and the classifier sure of the scorer’s first', false, false, sure('goroutines', 0.6), 'goroutines'],
    ['too little matched, and the classifier unsure of the scorer’s first', false, false, sure('goroutines', 0.4), 'none'],
    ['too little matched, and the classifier fairly sure of the scorer’s second', false, false, sure('go-gc-latency', 0.7), 'none'],
    ['too little matched, and the classifier all but certain of the scorer’s second', false, false, sure('go-gc-latency', 0.9), 'go-gc-latency'],
    ['too little matched, and the classifier certain of a topic the scorer does not rank', false, false, sure('rust-performance', 0.99), 'none'],
  ])('GIVEN %s THEN it decides accordingly', (_, confident, near, classifier, expected) => {
    const c = choose(judged(confident, near), ranked(), classifier, 'q', tuning);
    expect(c.kind === 'answer' ? c.topic.id : c.kind).toBe(expected);
  });

  it('GIVEN a question naming something the base does not cover THEN even a certain classifier does not answer with the scorer’s second', () => {
    const c = choose(judged(false, false, [100, 40], true), ranked(), sure('go-gc-latency', 0.99), 'q', tuning);
    expect(c.kind).toBe('none');
  });

  it('GIVEN a confident scorer whose first two are close THEN the one the classifier is sure of answers; unsure, the first', () => {
    const close = judged(true, false, [100, 90]);
    const pick = (c: ReturnType<typeof choose>) => (c.kind === 'answer' ? c.topic.id : c.kind);
    expect(pick(choose(close, ranked(), sure('go-gc-latency', 0.5), 'q', tuning))).toBe('go-gc-latency');
    expect(pick(choose(close, ranked(), sure('go-gc-latency', 0.1), 'q', tuning))).toBe('goroutines');
    expect(pick(choose(close, ranked(), undefined, 'q', tuning))).toBe('goroutines');
  });

  it('GIVEN a confident scorer THEN a classifier sure that nobody answers, and all but sure the pick is wrong, makes it ask back', () => {
    const ahead = judged(true, false, [100, 20]);
    const nobody = (none: number, goroutines: number) => ({ classes: ['', 'goroutines', 'go-gc-latency'], rank: () => [{ id: '', p: none }, { id: 'goroutines', p: goroutines }] });
    expect(choose(ahead, ranked(), nobody(0.9, 0.05), 'q', tuning).kind).toBe('doubt');
    expect(choose(ahead, ranked(), nobody(0.7, 0.05), 'q', tuning).kind, 'not sure enough').toBe('answer');
    expect(choose(ahead, ranked(), nobody(0.85, 0.15), 'q', tuning).kind, 'the pick not ruled out').toBe('answer');
  });

  it('GIVEN a confident scorer THEN a classifier unsure of its pick and fairly sure of another topic makes it ask back, offering both', () => {
    const ahead = judged(true, false, [100, 20]);
    const preferring = (other: string, p: number, pick: number) => ({ classes: ['', 'goroutines', 'go-gc-latency', 'rust-performance'], rank: () => [{ id: other, p }, { id: 'goroutines', p: pick }] });
    expect(choose(ahead, ranked(), preferring('rust-performance', 0.5, 0.1), 'q', tuning)).toEqual({ kind: 'doubt', between: ['goroutines', 'rust-performance'] });
    expect(choose(ahead, ranked(), preferring('rust-performance', 0.25, 0.1), 'q', tuning).kind, 'the other not preferred enough').toBe('answer');
    expect(choose(ahead, ranked(), preferring('rust-performance', 0.5, 0.25), 'q', tuning).kind, 'the pick not doubted enough').toBe('answer');
    expect(choose(ahead, ranked(), preferring('', 0.5, 0.1), 'q', tuning).kind, 'nobody answering is not a rival topic').toBe('answer');
  });

  it('GIVEN a confident scorer well ahead THEN a classifier sure of its second, and all but sure its first is wrong, overrules it', () => {
    const ahead = judged(true, false, [100, 20]);
    const pick = (c: ReturnType<typeof choose>) => (c.kind === 'answer' ? c.topic.id : c.kind);
    const says = (gc: number, goroutines: number) => ({ classes: ['', 'goroutines', 'go-gc-latency'], rank: () => [{ id: 'go-gc-latency', p: gc }, { id: 'goroutines', p: goroutines }] });
    expect(pick(choose(ahead, ranked(), says(0.75, 0.1), 'q', tuning))).toBe('go-gc-latency');
    expect(pick(choose(ahead, ranked(), says(0.65, 0.1), 'q', tuning)), 'not sure enough to overrule: asks back').toBe('doubt');
    expect(pick(choose(ahead, ranked(), says(0.7, 0.25), 'q', tuning)), 'the first not ruled out').toBe('goroutines');
  });

  it('GIVEN a message that asks to choose THEN a topic the classifier is sure of, and the scorer ranks, is what it is about', () => {
    const id = (t: Topic | undefined) => t?.id;
    expect(id(specificTopic(ranked(), sure('go-gc-latency', 0.8), 'q', 'decision-checklist', tuning))).toBe('go-gc-latency');
    expect(id(specificTopic(ranked(), sure('go-gc-latency', 0.5), 'q', 'decision-checklist', tuning)), 'unsure, and not the scorer’s first').toBeUndefined();
    expect(id(specificTopic(ranked(), sure('goroutines', 0.4), 'q', 'decision-checklist', tuning)), 'the scorer’s first too').toBe('goroutines');
    expect(id(specificTopic(ranked(), sure('goroutines', 0.2), 'q', 'decision-checklist', tuning)), 'the scorer’s first, but unsure').toBeUndefined();
    expect(id(specificTopic(ranked(), sure('decision-checklist', 0.9), 'q', 'decision-checklist', tuning)), 'the decision itself').toBeUndefined();
    expect(id(specificTopic(ranked(), sure('rust-performance', 0.9), 'q', 'decision-checklist', tuning)), 'not ranked').toBeUndefined();
    expect(id(specificTopic(ranked(), undefined, 'q', 'decision-checklist', tuning)), 'no classifier').toBeUndefined();
  });

  it('GIVEN too little matched and a release the base does not cover THEN no agreement answers it', () => {
    const c = choose(judged(false, false, [100, 40], true), ranked(), sure('goroutines', 0.99), 'q', tuning);
    expect(c.kind).toBe('none');
  });

  it('GIVEN too little matched and an uncovered subject named THEN only a classifier very sure of the scorer’s first answers', () => {
    const naming = { ...judged(false, false, [100, 40], true), uncovered: 'Node.js' } as Explanation;
    const pick = (c: ReturnType<typeof choose>) => (c.kind === 'answer' ? c.topic.id : c.kind);
    expect(pick(choose(naming, ranked(), sure('goroutines', 0.8), 'q', tuning))).toBe('goroutines');
    expect(pick(choose(naming, ranked(), sure('goroutines', 0.6), 'q', tuning))).toBe('none');
    expect(pick(choose(naming, ranked(), sure('go-gc-latency', 0.99), 'q', tuning))).toBe('none');
  });

  it('GIVEN a near match whose best topic the classifier was not trained on THEN the scorer asks back', () => {
    const c = choose(judged(false, true), ranked(), { classes: ['', 'go-gc-latency'], rank: () => [{ id: 'go-gc-latency', p: 0.99 }] }, 'q', tuning);
    expect(c.kind).toBe('none');
  });
});

describe('the build step', () => {
  it('GIVEN nothing changed THEN the stored model is kept; GIVEN the dev split changed THEN it is retrained', async () => {
    const build = scratchBuild();
    const scratch = mkdtempSync(join(tmpdir(), 'rustgo-model-src-'));
    const copy = join(scratch, 'knowledge');
    cpSync(knowledge, copy, { recursive: true });
    mkdirSync(join(scratch, 'eval'));
    const dev = join(scratch, 'eval', 'dev.yaml');
    cpSync(devFile, dev);
    await keepModelCurrent(copy, { topics, vocabulary }, build, dev);
    const first = statSync(modelFile(build)).mtimeMs;
    await keepModelCurrent(copy, { topics, vocabulary }, build, dev);
    expect(statSync(modelFile(build)).mtimeMs).toBe(first);
    writeFileSync(dev, 'questions:\n  - { q: "how big is a goroutine stack", topics: [goroutines] }\n');
    await keepModelCurrent(copy, { topics, vocabulary }, build, dev);
    expect(readModel(topics, vocabulary, build)?.features.length).toBeLessThan(model.features.length);
  }, 30_000);
});
