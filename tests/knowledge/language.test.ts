import { describe, expect, it } from 'vitest';
import { languageCheck } from '../../src/core/knowledge/language.js';

const looksNonEnglish = languageCheck(['Where did Rust start? Its history, from a side project to a language.']);

describe('telling a question in another language', () => {
  it.each([
    'Sollen wir für den neuen Dienst Rust oder Go nehmen?',
    'Qual é a melhor linguagem para uma API, Rust ou Go?',
    'Quel est le meilleur framework web pour Rust ?',
    '¿Cuál es más fácil de aprender para un equipo nuevo?',
    'Le goroutine sono più leggere dei thread?',
    '¿Rust o Go?',
    'Go 的 goroutine 和 Rust 的 async 有什么区别？',
    'Чем Rust лучше Go для бэкенда?',
  ])('GIVEN %s THEN it is not English', (q) => {
    expect(looksNonEnglish(q)).toBe(true);
  });

  it('GIVEN no English texts to learn from THEN a foreign function word English also uses still counts', () => {
    const bare = languageCheck([]);
    expect(bare("history of rust lang — where'd it start?")).toBe(true);
    expect(looksNonEnglish("history of rust lang — where'd it start?")).toBe(false);
  });

  it.each([
    'wat r goroutines n how r they diff from os threads',
    'is the go gc fine for a p99 under 10 ms or do we need rust',
    'que sera sera, rust or go for the new ingest svc',
    'k8s, docker, terraform: all go?',
    "history of rust lang — where'd it start?",
  ])('GIVEN English chat with a foreign word or two (%s) THEN it is English', (q) => {
    expect(looksNonEnglish(q)).toBe(false);
  });
});
