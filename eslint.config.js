import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// flow-core runs in browsers and in Node alike and must stay a pure functional core (DESIGN 1, STYLE 1):
// no React, no DOM, no node:* modules, no real timers and no reading of the real clock.
const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/storybook-static/**',
      'coverage/**',
      '.cache/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['packages/flow-core/src/**/*.ts'],
    // Tests beside the code may read fixtures from disk; the code they test may not.
    ignores: ['packages/flow-core/src/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'flow-core must not import Node built-ins.' })),
            { name: 'react', message: 'flow-core must not depend on React.' },
            { name: 'react-dom', message: 'flow-core must not depend on React.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'flow-core must not import Node built-ins.' },
            {
              group: ['react', 'react/*', 'react-dom', 'react-dom/*', '@xyflow/*'],
              message: 'flow-core must not depend on React.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
          'clearImmediate',
          'queueMicrotask',
          'requestAnimationFrame',
          'performance',
          'process',
          'window',
          'document',
          'navigator',
          'localStorage',
          'fetch',
          'WebSocket',
          'XMLHttpRequest',
          'Buffer',
          'require',
          '__dirname',
          '__filename',
        ].map((name) => ({
          name,
          message: `flow-core is pure: "${name}" is not available here (use an injected clock or port).`,
        })),
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'flow-core reads time from an injected clock, never Date.now().',
        },
        { object: 'globalThis', message: 'flow-core must not reach for host globals.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'flow-core reads time from an injected clock, never new Date().',
        },
      ],
    },
  },
  {
    // The designer runs in browsers.
    files: ['packages/flow-designer/**/*.tsx', 'packages/flow-designer/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // It takes the HTTP API's record types from the Node runtime, and nothing else.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@ringflow/flow-runtime-adapters', '@ringflow/flow-runtime-adapters/*'],
              allowTypeImports: true,
              message:
                'The designer runs in browsers: import only types from the Node runtime (import type).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
