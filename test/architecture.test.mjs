// The import boundaries of DESIGN.md, checked through the project's own ESLint config: packages never
// import apps, the pure packages (domain, clinical-rules, fhir-mapping) import no I/O library, and the web
// app imports neither another app nor a server library.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  ],
});

async function boundaryErrors(filePath, code) {
  const [result] = await eslint.lintText(`${code}\nexport const probe = x;\n`, { filePath });
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

const PURE = 'pure: no I/O library';
const NO_APPS = 'Packages never import apps';
const WEB_NO_APPS = 'The web app never imports another app';
const WEB_NO_SERVER = 'runs in the browser: no server library';

const cases = [
  ['packages/domain/src/probe.ts', `import x from 'pg';`, PURE],
  ['packages/clinical-rules/src/probe.ts', `import x from 'node:fs';`, PURE],
  ['packages/clinical-rules/src/probe.ts', `import x from 'fs';`, PURE],
  ['packages/fhir-mapping/src/probe.ts', `import { DataSource as x } from 'typeorm';`, PURE],
  ['packages/fhir-mapping/src/probe.ts', `import { Injectable as x } from '@nestjs/common';`, PURE],
  ['packages/domain/src/probe.ts', `import { UserEntity as x } from '@keta/db';`, PURE],
  ['packages/db/src/probe.ts', `import { createApp as x } from '@keta/api';`, NO_APPS],
  ['packages/config/src/probe.ts', `import x from '../../../apps/worker/src/main';`, NO_APPS],
  ['packages/db/src/probe.ts', `import { Client as x } from 'pg';`, undefined],
  ['apps/api/src/probe.ts', `import { UserEntity as x } from '@keta/db';`, undefined],
  ['packages/clinical-rules/src/probe.ts', `import { ROLES as x } from '@keta/domain';`, undefined],
  ['apps/web/src/probe.ts', `import { createApp as x } from '@keta/api';`, WEB_NO_APPS],
  ['apps/web/src/probe.tsx', `import x from '../../api/src/main';`, WEB_NO_APPS],
  ['apps/web/src/probe.ts', `import { DataSource as x } from 'typeorm';`, WEB_NO_SERVER],
  ['apps/web/src/probe.ts', `import { referralIntakeSchema as x } from '@keta/domain';`, undefined],
];

describe('import boundaries', () => {
  for (const [file, code, refusal] of cases) {
    it(`${file}: ${code} is ${refusal ? 'refused' : 'allowed'}`, async () => {
      const errors = await boundaryErrors(file, code);
      if (!refusal) return assert.deepEqual(errors, []);
      assert.equal(errors.length, 1);
      assert.match(errors[0], new RegExp(refusal));
    });
  }
});
