// The linter and the house format: `npm run lint` checks, `npm run format` fixes what it can.
// It lives in tools/ because the top level is fixed; patterns are relative to the repository root.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The repository root: `files` and `ignores` below are relative to it, wherever ESLint runs from. */
const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig(
  {
    basePath: root,
    ignores: ['node_modules/**', 'data/**', 'coverage/**'],
    // An `eslint-disable` comment that no longer suppresses anything is an error: it is removed or made real.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    basePath: root,
    files: ['src/**/*.{ts,mjs}', 'commands/**/*.ts', 'tests/**/*.ts', 'tools/**/*.{ts,js}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { '@stylistic': stylistic },
    // TypeScript checks names in .ts files; the few .js/.mjs files use these Node globals.
    languageOptions: { globals: { process: 'readonly', URL: 'readonly' } },
    rules: {
      // An unused value is a bug or a leftover; `_name` marks one kept on purpose (a callback's signature).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Import types with `import type`, so a type-only arrow reads as one.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // The house format. Lines are not re-wrapped (long lines are wrapped by hand where it reads better),
      // so formatting never rewrites a line nobody touched.
      // Union members and curried arrows are indented as Prettier would; template literals as written.
      '@stylistic/indent': ['error', 2, { SwitchCase: 1, flatTernaryExpressions: true, offsetTernaryExpressions: true, ignoredNodes: ['TSUnionType *', 'TSIntersectionType *', 'TemplateLiteral *', 'ArrowFunctionExpression[body.type="ArrowFunctionExpression"] *'] }],
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
      '@stylistic/semi': ['error', 'always'],
      '@stylistic/comma-dangle': ['error', 'always-multiline'],
      '@stylistic/eol-last': 'error',
      '@stylistic/no-trailing-spaces': 'error',
      '@stylistic/no-multiple-empty-lines': ['error', { max: 1, maxEOF: 0, maxBOF: 0 }],
      '@stylistic/object-curly-spacing': ['error', 'always'],
      '@stylistic/array-bracket-spacing': ['error', 'never'],
      '@stylistic/comma-spacing': 'error',
      '@stylistic/keyword-spacing': 'error',
      '@stylistic/space-before-blocks': 'error',
      '@stylistic/space-infix-ops': 'error',
      '@stylistic/arrow-parens': ['error', 'always'],
      '@stylistic/arrow-spacing': 'error',
      '@stylistic/brace-style': ['error', '1tbs', { allowSingleLine: true }],
      '@stylistic/member-delimiter-style': 'error',
      '@stylistic/type-annotation-spacing': 'error',
      '@stylistic/max-len': ['error', { code: 260, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    basePath: root,
    files: ['src/**/*.ts', 'commands/**/*.ts', 'tests/**/*.ts', 'tools/**/*.ts'],
    // With the types (tsconfig.json): a promise nobody awaits or catches is an unhandled rejection
    // in a long-running bot; mark the deliberate ones with `void`.
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    basePath: root,
    files: ['tests/**/*.ts'],
    // Tests look for terminal escapes and other control characters in output on purpose.
    rules: { 'no-control-regex': 'off' },
  },
);
