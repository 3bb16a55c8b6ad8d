// One lint config for the monorepo (flat config). Type-aware rules are left to `npm run typecheck`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'apps/server/drizzle/**',
      'data/**',
      '.e2e-artifacts/**',
      '.vitest-snapshot/**',
      '.ci-out/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      // Configuration is read once, validated, in apps/server/src/config.ts.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/config.ts' },
      ],
    },
  },
  {
    files: [
      'apps/server/src/config.ts',
      'apps/server/src/testing/**',
      '**/*.test.ts',
      'scripts/**',
      'bench/**',
      'e2e/**',
      '*.config.*',
      'apps/server/drizzle.config.ts',
    ],
    rules: { 'no-restricted-properties': 'off', 'max-lines': ['warn', { max: 1000 }] },
  },
  {
    // Translation tables are data: one key per line, and both languages must stay in step.
    files: ['apps/web/src/i18n/locales/*.ts'],
    rules: { 'max-lines': 'off' },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
