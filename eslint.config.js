// Lint is part of `npm test`. Two rules matter most: no `any` anywhere (schemas at every boundary
// give real types), and the engine stays pure — no Node built-ins, no I/O, no clock — so that the
// CLI, the server and the browser compute every score with the very same code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'packages/server/drizzle/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly', localStorage: 'readonly', fetch: 'readonly', EventSource: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly', AbortController: 'readonly', FormData: 'readonly', Blob: 'readonly', File: 'readonly', Response: 'readonly', Request: 'readonly', Headers: 'readonly', performance: 'readonly', queueMicrotask: 'readonly', crypto: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error' },
  },
  {
    files: ['packages/engine/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'worker_threads', 'stream', 'url'], message: 'The engine is pure: no I/O, no Node built-ins.' },
          { group: ['@leitai/*', 'pg', 'fastify', 'drizzle-orm', 'react'], message: 'The engine depends on nothing of the application.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'The engine is pure.' },
        { name: 'fetch', message: 'The engine is pure.' },
        { name: 'Buffer', message: 'The engine is pure.' },
        { name: 'console', message: 'The engine reports through its results, not the console.' },
        { name: 'setTimeout', message: 'The engine is pure.' },
        { name: 'Date', message: 'The engine has no clock: periods come from the spec.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'The engine is deterministic.' }],
    },
  },
);
