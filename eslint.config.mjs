// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-vsix/**', 'node_modules/**', '.vscode-test/**', 'test-output/**', 'bench/data/**', 'docs/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Tests and benchmarks drive untyped JSON-RPC; product code must stay typed.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: ['http', 'https', 'net', 'tls', 'dgram', 'node:http', 'node:https', 'node:net', 'node:tls', 'node:dgram'].map((name) => ({
            name,
            message: 'ai-clauses never uses the network: contracts stay on the machine.',
          })),
        },
      ],
    },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-languageserver*', 'vscode-languageclient*'], message: 'The engine is editor-independent.' },
            { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'The engine is pure: adapters do I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs', 'scripts/**/*.mjs', 'test/e2e/**/*.mjs', 'test/e2e/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
