// @ts-check
import js from '@eslint/js';
import n from 'eslint-plugin-n';
import tseslint from 'typescript-eslint';

/** The supervisor's folders other than model/ (src/supervisor/README.md). */
const SUPERVISOR_FOLDERS = ['api', 'core', 'droplet', 'health', 'policies', 'proc', 'records', 'wiring'];

export default tseslint.config(
  { ignores: ['dist/', 'lib/', 'node_modules/', 'fixtures/', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { n },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['test', 'it', 'describe', 'suite'], package: 'node:test' },
          ],
        },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      'n/no-process-exit': 'error',
    },
  },
  {
    files: ['src/cli/**', 'src/staging/log.ts', 'test/**'],
    rules: { 'no-console': 'off', 'n/no-process-exit': 'off' },
  },
  {
    files: ['src/common/**', 'src/config/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/staging/**', '**/supervisor/**', '**/cli/**'] }],
    },
  },
  {
    files: ['src/staging/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/supervisor/**', '**/cli/**'] }] },
  },
  {
    files: ['src/supervisor/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/staging/**', '**/cli/**'] }] },
  },
  // the supervisor's vocabulary imports nothing of the supervisor; its engine imports only that
  // (STYLE §1; each folder's README.md says what it may import, test/unit/layout checks them all)
  {
    files: ['src/supervisor/model/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/staging/**', '**/cli/**', ...SUPERVISOR_FOLDERS.map((folder) => `../${folder}/*`)] },
      ],
    },
  },
  {
    files: ['src/supervisor/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '**/staging/**',
            '**/cli/**',
            ...SUPERVISOR_FOLDERS.filter((folder) => folder !== 'core').map((folder) => `../${folder}/*`),
          ],
        },
      ],
    },
  },
);
