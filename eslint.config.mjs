import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'bench/.data/**',
      'tests/fixtures/**',
      '.crux-tmp/**',
      '.tmp-*/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core runs under plain Node and in tests: it must never load Electron (which would download it).
    files: ['src/main/core/**', 'src/shared/**', 'src/main/cli/**', 'src/main/http/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The core never imports electron.' }] },
      ],
    },
  },
  {
    // shared/ is for both sides: no Node, no DOM, no Electron.
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'react', 'react-dom'],
              message: 'shared/ imports nothing platform-specific.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer never sees SQL or Node.
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: [
            {
              group: ['node:*', '**/main/**', 'better-sqlite3*'],
              message: 'The renderer talks to the core only through the API.',
            },
          ],
        },
      ],
    },
  },
);
