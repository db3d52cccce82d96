/**
 * The linter (`npm run check` runs it after the type check). Modest on purpose: ESLint's and typescript-eslint's
 * recommended rules, which catch mistakes rather than argue style, and eslint-plugin-svelte's for components. No rule
 * needs type information, so a run stays fast (the type checker is tsc and svelte-check, run beside it).
 */
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'e2e/output/', 'bench-results/', '.scratch/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      // TypeScript (tsc, svelte-check) already knows every global of the page, the workers and Node.
      'no-undef': 'off',
      // `_name` marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Off, each for a reason: a key is for lists whose items move, and most of ours are fixed (legends, table rows);
      // `{' '}` is how a component keeps a space between two blocks; the Maps and Sets components hold are caches that
      // must not be reactive; and an initial value that a branch always replaces is documentation, not a mistake.
      'svelte/require-each-key': 'off',
      'svelte/no-useless-mustaches': 'off',
      'svelte/prefer-svelte-reactivity': 'off',
      'no-useless-assignment': 'off',
    },
  },
  {
    // Tests feed malformed input on purpose.
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
