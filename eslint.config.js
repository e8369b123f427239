// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.tsbuild/',
      'dist/',
      'out/',
      'release/',
      'tests/lint/fixtures/',
      'tests/e2e/artifacts/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env'] > Identifier[name='NODE_ENV']",
          message: '生产代码不得按 NODE_ENV 分支（style.md：环境差异放在一个小接口后面）。',
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // In tests a failed `!` shows up as a failed test at once; production code handles absence explicitly.
    files: ['tests/**/*.ts', 'tests/**/*.tsx', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // shared/ is pure (style.md "Layout"): the type checker stops DOM/Node globals; this stops platform imports too.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'shared/ 必须与平台无关：不得导入 Node 内置模块。' },
            {
              group: ['electron', 'react', 'react-dom', 'dexie', 'better-sqlite3*', 'fastify', 'pg', '@electric-sql/*'],
              message: 'shared/ 必须与平台无关：不得导入平台相关的包。',
            },
          ],
        },
      ],
    },
  },
);
