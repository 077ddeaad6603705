// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      'test-results/',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.shared.json',
          './tsconfig.electron.json',
          './tsconfig.renderer.json',
          './tsconfig.e2e.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [
        'node:*',
        'fs',
        'path',
        'os',
        'child_process',
        'worker_threads',
        'electron',
        'react',
        'react-dom',
        'three',
        'three/*',
        '../electron/*',
        '../renderer/*',
        '**/electron/**',
        '**/renderer/**',
        'better-sqlite3',
        'h5wasm',
        'h5wasm/*',
      ],
      'shared/ is pure: no Node, DOM, Electron, React or three imports',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(
      ['node:*', 'fs', 'path', 'electron', 'better-sqlite3', '**/electron/**', 'h5wasm', 'h5wasm/*'],
      'renderer/ reaches the backend only through the typed API client',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: restrict(
      ['electron', 'react', 'react-dom', '**/renderer/**'],
      'only electron/main.ts and preload.ts import electron',
    ),
  },
);
