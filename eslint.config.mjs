// Flat config: recommended rules, plus DESIGN.md's import rules per folder so they cannot drift.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Every Node built-in, bare and `node:`-prefixed, with subpaths (fs/promises). */
const nodeBuiltins = [
  { group: ['node:*'], message: 'Node built-ins are not allowed here.' },
  {
    regex: `^(${builtinModules.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/.*)?$`,
    message: 'Node built-ins are not allowed here.',
  },
];

/** A package and its subpaths. */
const pkgs = (names, message) => ({ regex: `^(${names.map((n) => n.replace(/[.]/g, '\\.')).join('|')})(/.*)?$`, message });

/** A top-level folder ("room") reached by a relative import from anywhere below another room. */
const room = (names, message, extra = {}) => ({ regex: `^(\\.\\./)+(${names.join('|')})(/.*)?$`, message, ...extra });

const nodeGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
  process: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  URL: 'readonly',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', '.tmp/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Process entry points and setup scripts talk to the terminal.
  {
    files: ['scripts/**', '**/main.ts', 'eslint.config.mjs'],
    rules: { 'no-console': 'off' },
  },

  // --- DESIGN.md: who may import what -----------------------------------------------------------------
  {
    // Deterministic orchestration only: @temporalio/workflow, domain/, and types from activities/.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeBuiltins.map((p) => ({ ...p, message: 'Workflows must be deterministic: no Node built-ins (use @temporalio/workflow).' })),
            pkgs(
              ['pdf-lib', 'node-forge', 'express', 'kysely', 'better-sqlite3', 'pg', 'pino', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'],
              'Workflows never import I/O libraries, database drivers or the client/worker/activity SDKs; call an activity.',
            ),
            room(['activities'], 'Workflows may import only types from activities/ (`import type`); call activities through proxyActivities.', {
              allowTypeImports: true,
            }),
            room(['store', 'documents', 'api', 'worker', 'config'], 'Workflows never import store/, documents/, api/, worker/ or config/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [room(['activities'], 'The API never imports activities/; it talks to workflows through messages.')] },
      ],
    },
  },
  // documents/ has two rooms: render/ (pdf-lib layout) and signing/ (PKI, PAdES). Each sees domain/ and itself only.
  ...[
    ['render', 'signing', [pkgs(['node-forge'], 'documents/render/ draws; signing material belongs to documents/signing/.')]],
    ['signing', 'render', []],
  ].map(([own, other, extra]) => ({
    files: [`documents/${own}/**/*.ts`],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            room(['store', 'api', 'activities', 'workflows', 'worker', 'config'], `documents/${own}/ imports only domain/ and its own room.`),
            { regex: `^((\\.\\./)+documents/|\\.\\./)${other}(/.*)?$`, message: `documents/${own}/ never imports documents/${other}/.` },
            ...extra,
          ],
        },
      ],
    },
  })),
  {
    // The pure model: nothing with I/O and no other room.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeBuiltins.map((p) => ({ ...p, message: 'domain/ is pure: no Node built-ins.' })),
            pkgs(['kysely', 'better-sqlite3', 'pg', 'express', 'pdf-lib', 'node-forge'], 'domain/ is pure: no I/O libraries.'),
            room(['store', 'api', 'activities', 'workflows', 'documents', 'worker', 'config'], 'domain/ imports no other room.'),
          ],
        },
      ],
    },
  },
);
