// Lint: typescript-eslint's recommended rules plus the layering rule of DESIGN.md, which says what
// each folder may import (the path tells you where code runs).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'drizzle/local/meta/', 'bench/results/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-undef': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src-shared/**/*.{ts,tsx}'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: restrict(
      ['**/src-main/**', '**/src-renderer/**', '**/src-worker/**', '**/server/**', 'node:*', 'electron', 'react', 'react-dom'],
      'src-shared runs anywhere: it imports nothing of ours outside src-shared, and no Node, DOM or Electron APIs.',
    ),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'src-worker/**/*.{ts,tsx}'],
    rules: restrict(
      ['**/src-main/**', '**/server/**', 'node:*', 'electron', 'better-sqlite3', 'ws'],
      'the renderer and worker import only src-shared (and browser libraries).',
    ),
  },
  {
    files: ['src-main/**/*.{ts,mts,mjs}'],
    ignores: ['src-main/electron/**', 'src-main/preload.ts'],
    rules: restrict(['electron', '**/server/**', '**/src-renderer/**'], 'only src-main/electron/ imports electron; src-main never imports server or renderer code.'),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict(['**/src-main/**', '**/src-renderer/**', 'electron'], 'the server shares code with the app only through src-shared.'),
  },
);
