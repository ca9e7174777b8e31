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
  { ignores: ['node_modules/**', 'data/**', '.tmp/**', 'dist/**', '**/*.d.ts'] },
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
    // Scripts the pages load in the browser.
    files: ['web/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly', window: 'readonly', localStorage: 'readonly', sessionStorage: 'readonly', FormData: 'readonly', fetch: 'readonly', URL: 'readonly', navigator: 'readonly', setTimeout: 'readonly', Promise: 'readonly' } },
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
        {
          patterns: [
            room(['activities'], 'The API never imports activities/; it talks to workflows through messages.'),
            room(['worker'], 'The API never imports worker/ (a separate process).'),
          ],
        },
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
  // The pure model: nothing with I/O, no Temporal (the engine returns domain errors; workflows/ wraps them) and no
  // other room. A case kind (domain/kinds/<kind>/) also keeps out of the other kinds and of the engine, which
  // reaches the kinds through their registry (domain/kinds/index.ts): adding a kind touches one folder.
  // (Flat config replaces the rule for files a later block matches, so the kinds block repeats domain's patterns.)
  ...[
    ['domain/**/*.ts', []],
    [
      'domain/kinds/*/**/*.ts',
      [
        { regex: '^\\.\\./[a-z][a-z0-9-]*/', message: 'A case kind never imports another kind: share through domain/ or domain/kinds/kind-module.ts.' },
        { regex: '^(\\.\\./)+engine(/.*)?$', message: 'A case kind never imports the engine (domain/engine/): the engine reaches kinds through domain/kinds/index.ts.' },
      ],
    ],
  ].map(([files, extra]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeBuiltins.map((p) => ({ ...p, message: 'domain/ is pure: no Node built-ins.' })),
            pkgs(['kysely', 'better-sqlite3', 'pg', 'express', 'pdf-lib', 'node-forge', 'pino', 'nodemailer', 'preact'], 'domain/ is pure: no I/O libraries.'),
            { regex: '^@temporalio/', message: 'domain/ is pure: no Temporal SDK (refusals are domain errors; workflows/ wraps them as ApplicationFailures).' },
            room(['store', 'api', 'activities', 'workflows', 'documents', 'worker', 'config', 'web'], 'domain/ imports no other room.'),
            ...extra,
          ],
        },
      ],
    },
  })),
  {
    // Thin adapters over domain/, store/ and documents/; workflows are reached only through Temporal.
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            pkgs(['express', '@temporalio/workflow', '@temporalio/client', '@temporalio/worker'], 'activities/ use @temporalio/activity only; no HTTP, workflow, client or worker SDK.'),
            room(['api', 'workflows', 'worker', 'config'], 'activities/ may import domain/, store/ and documents/ only (the worker hands them their config).'),
          ],
        },
      ],
    },
  },
  {
    // documents/ itself (the isolated child runner, upload inspection): domain/ and its own rooms only. Its render/
    // and signing/ rooms have their own, stricter rules above; this one must not cover (and so override) them.
    files: ['documents/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            pkgs(['express', 'kysely', 'better-sqlite3', 'pg', '@temporalio/workflow', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], 'documents/ has no database, HTTP or Temporal code.'),
            room(['store', 'api', 'activities', 'workflows', 'worker', 'config'], 'documents/ may import domain/ (and its own rooms) only.'),
          ],
        },
      ],
    },
  },
  {
    // The records database, migrations and blobs.
    files: ['store/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            pkgs(['express', 'pdf-lib', 'node-forge', '@temporalio/workflow', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], 'store/ has no HTTP, PDF or Temporal code.'),
            room(['documents', 'api', 'activities', 'workflows', 'worker', 'config'], 'store/ may import domain/ only.'),
          ],
        },
      ],
    },
  },
  {
    // The worker process wires everything but the API.
    files: ['worker/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            pkgs(['express'], 'the worker serves no HTTP.'),
            room(['api'], 'worker/ never imports api/.'),
            room(['workflows'], 'worker/ loads workflows/ by path (bundled), never by import.', { allowTypeImports: true }),
          ],
        },
      ],
    },
  },
  {
    // Configuration: read once from the environment; it may name domain/ types (roles) and nothing else.
    files: ['config/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [room(['store', 'documents', 'api', 'activities', 'workflows', 'worker'], 'config/ may import domain/ only.')] },
      ],
    },
  },
  {
    // Server-rendered pages over the API's use cases: domain/, api/ (use cases, errors, auth), store/ types only;
    // workflows/ as types only (the use cases talk to Temporal), never activities/ or the signing room.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            pkgs(
              ['kysely', 'better-sqlite3', 'pg', 'node-forge', '@temporalio/workflow', '@temporalio/worker', '@temporalio/activity'],
              'web/ has no database driver, signing or workflow/worker/activity code; it calls the use cases in api/.',
            ),
            room(['activities', 'worker'], 'web/ never imports activities/ or worker/.'),
            room(['workflows'], 'web/ may import only types from workflows/; the use cases in api/ talk to Temporal.', { allowTypeImports: true }),
            room(['store'], 'web/ may import only types from store/; data comes through the use cases in api/.', { allowTypeImports: true }),
            { regex: '^(\\.\\./)+documents/signing(/.*)?$', message: 'web/ never imports documents/signing/ (keys and signatures stay in the worker).' },
          ],
        },
      ],
    },
  },
);
