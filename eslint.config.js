// Lint, including the layering rules of DESIGN.md: who may import whom is enforced here, so a
// renderer file importing better-sqlite3 or main/, or domain/ importing I/O, fails the build.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { noImportCycle } from './scripts/lint/no-import-cycle.js';

const NODE_BUILTINS = [
  'fs',
  'path',
  'child_process',
  'os',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'worker_threads',
  'url',
  'util',
  'zlib',
  'events',
];
const node = (...names) => names.flatMap((n) => [n, `node:${n}`]);
const folders = (...names) =>
  names.flatMap((n) => [`**/${n}/**`, `../${n}/*`, `../../${n}/*`, `../../../${n}/*`, `../${n}`, `../../${n}`]);

const restrictedPaths = (paths, message) => paths.map((name) => ({ name, message }));

const restrict = (paths, patterns, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.length ? [{ group: patterns, message }] : [],
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'db/*/migrations/**',
      'tmp/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // No import cycles, type-only imports included (scripts/lint/no-import-cycle.js says why).
    files: ['**/*.{ts,tsx}'],
    plugins: { house: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'house/no-import-cycle': 'error' },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: restrict(
      [
        ...node(...NODE_BUILTINS),
        'better-sqlite3',
        'electron',
        'ws',
        'pg',
        '@electric-sql/pglite',
        'drizzle-orm',
        'react',
      ],
      folders('db', 'main', 'server', 'web', 'electron', 'preload', 'renderer'),
      'domain/ is pure: no I/O, no other layer (DESIGN.md)',
    ),
  },
  {
    files: ['db/**/*.ts'],
    ignores: ['db/**/*.test.ts'],
    rules: restrict(
      ['electron', 'ws', 'react'],
      folders('main', 'server', 'web', 'electron', 'preload', 'renderer'),
      'db/ may import only domain/ (DESIGN.md)',
    ),
  },
  {
    files: ['main/**/*.ts'],
    rules: restrict(
      ['electron', 'react'],
      folders('server', 'web', 'electron', 'preload', 'renderer'),
      'main/ is plain Node: domain/ and db/ only, never electron (DESIGN.md)',
    ),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict(
      ['electron', 'better-sqlite3', 'react'],
      folders('main', 'web', 'electron', 'preload', 'renderer'),
      'server/ may import only domain/ and db/ (DESIGN.md)',
    ),
  },
  {
    files: ['web/**/*.ts'],
    rules: restrict(
      ['electron', 'react'],
      folders('server', 'electron', 'preload', 'renderer'),
      'web/ may import main/ and domain/ only (DESIGN.md)',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    rules: restrict(
      ['react', 'better-sqlite3'],
      folders('server', 'renderer', 'db', 'web'),
      'electron/ may import main/ and domain/ only (DESIGN.md)',
    ),
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrict(
      [...node(...NODE_BUILTINS), 'zod', 'react'],
      folders('main', 'server', 'web', 'electron', 'renderer', 'db'),
      'the sandboxed preload may import electron and domain/transport/contract-names only (DESIGN.md)',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...restrictedPaths(
              [
                ...node(...NODE_BUILTINS),
                'better-sqlite3',
                'electron',
                'ws',
                'pg',
                '@electric-sql/pglite',
                'drizzle-orm',
                'exceljs',
              ],
              'the renderer may import domain/ only, never Node modules or core folders (DESIGN.md)',
            ),
            {
              name: 'decimal.js',
              message:
                'the renderer does no money arithmetic: use the rules of domain/ (e.g. domain/orders/order-figures.ts)',
            },
          ],
          patterns: [
            {
              group: folders('main', 'server', 'db', 'electron', 'web', 'preload'),
              message: 'the renderer may import domain/ only, never Node modules or core folders (DESIGN.md)',
            },
          ],
        },
      ],
    },
  },
);
