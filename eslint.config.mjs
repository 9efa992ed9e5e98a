// Lint rules that keep the architecture honest: promises are awaited, packages never reach into apps,
// and the pure packages (domain, clinical-rules, fhir-mapping) stay free of I/O.
import tseslint from 'typescript-eslint';

const appImports = {
  group: ['@keta/api', '@keta/api/*', '@keta/worker', '@keta/worker/*', '**/apps/**'],
  message: 'Packages never import apps.',
};
/** From apps/web, another app is a sibling folder: `../../api/src/...`. */
const webAppImports = {
  group: [...appImports.group, '@keta/ehr-sandbox', '@keta/ehr-sandbox/*', '**/api/src/**', '**/worker/src/**', '**/ehr-sandbox/src/**'],
  message: 'The web app never imports another app.',
};
const ioModules = [
  'fs', 'fs/*', 'net', 'http', 'https', 'http2', 'dgram', 'dns', 'child_process', 'cluster', 'worker_threads',
  'node:*', 'pg', 'pg-*', 'typeorm', 'typeorm/*', 'ioredis', 'bullmq', '@nestjs/*', 'axios', 'undici', '@keta/db',
];
const pureIo = {
  group: ioModules,
  message: 'domain, clinical-rules and fhir-mapping are pure: no I/O library.',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/dist-console/**', '**/node_modules/**', '**/coverage/**', '**/.stryker-tmp/**', '*.config.js', '*.config.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [appImports] }] },
  },
  {
    // The portal runs in the browser: it shares the domain's types and schemas, never an app's code.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [webAppImports, { group: ioModules, message: 'The web app runs in the browser: no server library.' }] }],
    },
  },
  {
    files: ['packages/domain/**/*.ts', 'packages/clinical-rules/**/*.ts', 'packages/fhir-mapping/**/*.ts'],
    // Tests may read fixture files; the code they test may not do I/O.
    ignores: ['**/*.spec.ts', '**/test/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [appImports, pureIo] }] },
  },
);
