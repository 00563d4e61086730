import { normalise, tokenize } from './text.js';

/**
 * Common function words of the languages teams are likely to write in besides English. The knowledge
 * base is English only, so a question in another language gets "I don't know" rather than a guess
 * from the few technical words it shares with English ("framework", "Go").
 */
const OTHER_LANGUAGES = new Set(
  `
  qual quais usar ou para como uma não nao é são voce você porque quem vem
  que el los las por qué cómo cuál mejor una es muy pero también
  le les des est une pour pourquoi avec quel quelle faut je nous vous
  der das und ist nicht ein eine wie warum welche ich wir sie für oder sollte
  het een hoe werkt niet waarom graag veilig ook
  il di che perché quale sono della con
  `
    .split(/\s+/)
    .filter(Boolean),
);

/** Letters of scripts other than Latin: a question written in them is not English. */
const OTHER_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Greek}\p{Script=Devanagari}\p{Script=Thai}]/u;

/** True when a question is most likely not written in English. */
export function looksNonEnglish(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  const other = [...letters].filter((c) => OTHER_SCRIPT.test(c)).length;
  if (letters.length > 0 && other / letters.length > 0.3) return true;
  const words = tokenize(normalise(text));
  const foreign = words.filter((w) => OTHER_LANGUAGES.has(w)).length;
  return foreign >= 2 && foreign / Math.max(1, words.length) >= 0.2;
}
