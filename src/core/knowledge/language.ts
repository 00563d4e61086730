import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * Languages teams are likely to write in besides English, in Latin script. The knowledge base is English only,
 * so a question in another language gets "I don't know" rather than a guess from the few technical words it
 * shares with English ("framework", "Go").
 */
const OTHER_LANGUAGES = ['de', 'fr', 'es', 'pt', 'it', 'nl', 'pl', 'sv', 'tr', 'id', 'ro', 'cs', 'da', 'no'] as const;

/**
 * A question is taken as another language when at least two of its words, and a fifth of them, are those
 * languages' function words and not English ones; one-letter words are left out ("a", "o", "y" are English
 * chat too). On dev's first 2,688 questions this and the rules below flagged 81, none of them English, and
 * missed four short Portuguese ones; three words and a seventh would also have flagged an English one. On all
 * 4,513 they flag 135, none of them English; on 9,301, 304, two of them English prompt injections written in
 * chat spelling ("pretend ur …"), which are refused anyway. Spanish opens a question with "¿". The lists hold
 * some words English uses too ("start" is Norwegian, "lang" German): a word the base's own English uses is not
 * counted, which on dev's 9,803 questions took one English question ("history of rust lang — where'd it
 * start?") out of the 325 flagged and no other.
 */
const MIN_FOREIGN_WORDS = 2;
const MIN_FOREIGN_SHARE = 0.2;
const SPANISH_OPENING = /[¿¡]/;

/** Letters of scripts other than Latin: a question written in them is not English. */
const OTHER_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Greek}\p{Script=Devanagari}\p{Script=Thai}]/u;

const stopWordListsSchema = z.record(z.string(), z.array(z.string()));
let foreignWords: ReadonlySet<string> | undefined;

/**
 * The other languages' function words that are not English ones, read from stopwords-iso on first use. The
 * file is read rather than required, so the lists of the sixty-odd languages not used here do not stay in
 * the module cache.
 */
function otherLanguagesWords(): ReadonlySet<string> {
  if (!foreignWords) {
    const file = createRequire(import.meta.url).resolve('stopwords-iso/stopwords-iso.json');
    const lists = stopWordListsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const english = new Set(lists['en'] ?? []);
    foreignWords = new Set(OTHER_LANGUAGES.flatMap((l) => lists[l] ?? []).filter((w) => w.length > 1 && !english.has(w)));
  }
  return foreignWords;
}

/**
 * A test of whether a question is most likely not written in English. `englishTexts` are texts known to be
 * English (the base's topics): the other languages' function words found in them are taken as English.
 */
export function languageCheck(englishTexts: readonly string[]): (text: string) => boolean {
  const english = new Set(englishTexts.flatMap(wordsOf));
  const known = new Set([...otherLanguagesWords()].filter((w) => !english.has(w)));
  return (text) => {
    const letters = text.replace(/[^\p{L}]/gu, '');
    const other = [...letters].filter((c) => OTHER_SCRIPT.test(c)).length;
    if (letters.length > 0 && other / letters.length > 0.2) return true;
    if (SPANISH_OPENING.test(text)) return true;
    const words = wordsOf(text);
    const foreign = words.filter((w) => known.has(w)).length;
    return foreign >= MIN_FOREIGN_WORDS && foreign / words.length >= MIN_FOREIGN_SHARE;
  };
}

const wordsOf = (text: string): string[] => text.toLowerCase().match(/\p{L}+/gu) ?? [];
