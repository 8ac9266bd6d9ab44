// The dependency rule of architecture-and-style.md, enforced: apps → application → domain; persistence and
// jobs are adapters; domain is pure. Nx plugins do not accept nx 24 (stack-notes.md), so the module
// boundaries are written as restricted imports per folder.
import tseslint from 'typescript-eslint';

const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'typeorm-pglite', 'bullmq', 'ioredis', 'pg', 'pg-copy-streams', '@electric-sql/*', 'express', 'multer'];
const ban = (patterns, message) => ({ group: patterns, message });
const restrict = (...groups) => ({ 'no-restricted-imports': ['error', { patterns: groups }] });

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', '**/*.js', '**/*.mjs', '.drawback/**', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      // Money is decimal end to end: floats are a defect.
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Money and quantities are decimal.js, never floats.' }],
      'no-restricted-properties': ['error', { object: 'Number', property: 'parseFloat', message: 'Use decimal.js.' }],
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[object.name='process'][property.name='env']",
        message: 'Only the configuration readers read process.env.',
      }],
    },
  },
  {
    files: ['**/main.ts', '**/*-config.ts', '**/*.config.ts', '**/config/*.ts', 'test/**/*.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: restrict(
      ban(FRAMEWORKS, 'The domain library is pure: no framework, no database, no queue.'),
      ban(['node:*', 'fs', 'path', 'child_process', 'http'], 'The domain library does no I/O.'),
      ban(['@drawback/*'], 'The domain library depends on nothing of ours.'),
    ),
  },
  {
    files: ['libs/rules/**/*.ts'],
    rules: restrict(
      ban(FRAMEWORKS, 'The rules library is pure: no framework, no database, no queue.'),
      ban(['@drawback/persistence', '@drawback/application', '@drawback/jobs', '@drawback/api', '@drawback/worker', '@drawback/cli'], 'rules depends on domain only.'),
    ),
  },
  {
    files: ['libs/persistence/**/*.ts'],
    rules: restrict(
      ban(['@nestjs/*', 'bullmq'], 'Persistence is an adapter for the database only.'),
      ban(['@drawback/application', '@drawback/jobs', '@drawback/api', '@drawback/worker', '@drawback/cli'], 'Persistence does not depend on callers.'),
    ),
  },
  {
    files: ['libs/jobs/**/*.ts'],
    rules: restrict(ban(['@drawback/persistence', '@drawback/application', '@drawback/api', '@drawback/worker', '@drawback/cli'], 'jobs holds shared names and payloads only.')),
  },
  {
    files: ['libs/application/**/*.ts'],
    rules: restrict(ban(['@drawback/api', '@drawback/worker', '@drawback/cli'], 'Application services do not depend on the apps.')),
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: restrict(ban(['@drawback/worker', '@drawback/cli'], 'Apps never import each other.')),
  },
  {
    files: ['apps/worker/**/*.ts'],
    rules: restrict(ban(['@drawback/api', '@drawback/cli'], 'Apps never import each other.')),
  },
  {
    files: ['apps/cli/**/*.ts'],
    rules: restrict(ban(['@drawback/api', '@drawback/worker'], 'Apps never import each other.')),
  },
);
