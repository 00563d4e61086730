/**
 * User text that becomes a label or an option (a poll's question and options) is normalised so that
 * two labels that look the same are the same: NFKC folds compatibility forms (full-width letters,
 * ligatures, odd spaces) into their plain ones, and characters that change how text is shown without
 * being seen themselves are removed. Bidi controls could show "‮gnaL" as "Lang"; zero-width and
 * other default-ignorable characters could make two identical-looking "Rust" options. The zero-width
 * joiner is kept only where it joins two pictographs (👩‍💻), and variation selectors and tag
 * characters only after the symbols they belong to (❤️, 1️⃣, 🏴 subdivision flags).
 */

const BIDI_CONTROLS = /\p{Bidi_Control}/gu;
/** Default-ignorable characters, except the ones emoji sequences use (handled below). */
const INVISIBLE = /(?![\u200d\ufe0e\ufe0f\u{e0020}-\u{e007f}])\p{Default_Ignorable_Code_Point}/gu;
/** Hangul fillers render blank but are not default-ignorable in every Unicode version. */
const BLANK_FILLERS = /[\u115f\u1160\u3164\uffa0]/g;
const STRAY_ZWJ = /(?<!\p{Extended_Pictographic}[\ufe0f\u{1f3fb}-\u{1f3ff}]?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;
const STRAY_VARIATION = /(?<![\p{Extended_Pictographic}\p{Emoji_Component}])[\ufe0e\ufe0f]/gu;
const STRAY_TAGS = /(?<!\u{1f3f4}[\u{e0020}-\u{e007f}]*)[\u{e0020}-\u{e007f}]/gu;

/** The text as it will be stored and shown: normalised, invisible characters removed, spaces collapsed and trimmed. */
export function normalizeLabel(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(BIDI_CONTROLS, '')
    .replace(INVISIBLE, '')
    .replace(BLANK_FILLERS, '')
    .replace(STRAY_ZWJ, '')
    .replace(STRAY_VARIATION, '')
    .replace(STRAY_TAGS, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The key two labels are compared by for duplicates: the normalised label without any default-ignorable
 * character left (even inside emoji), lower-cased, so "Rust", "RUST" and "Rust️" are one option.
 */
export function labelKey(label: string): string {
  return normalizeLabel(label)
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .toLocaleLowerCase('und');
}
