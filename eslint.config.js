// Type-aware lint for the whole project, run by `npm test` (and so by CI) through `npm run lint`,
// which allows no warnings (`--max-warnings=0`).
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'coverage/', 'node_modules/', 'data/'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  // Every suppression names the rule and says why (`// eslint-disable-next-line rule -- reason`).
  comments.recommended,
  {
    rules: {
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
    },
  },
  {
    // The house limits (STYLE.md): small files, functions that fit on a screen.
    files: ['src/**/*.ts', 'adapters/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
  {
    rules: {
      // Store backends and adapters implement Promise-returning interfaces with synchronous bodies on purpose
      // (better-sqlite3 is synchronous); `async` keeps a thrown error a rejection, as callers expect.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests assert on untyped JSON from the fake Slack and Discord servers (and on loosely shaped payloads handed
    // to the adapters); typing every fake payload would add nothing that a failing assertion does not already show.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
