import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  alertConfig, authConfig, credentialConfig, databaseConfig, documentConfig, httpConfig, inboundPollConfig, redisConfig, runtimeConfig, reconcileConfig, sandboxConfig,
  syncConfig, workerHealthConfig,
} from './fragments';

const root = join(__dirname, '..', '..', '..');
const fragments = [
  runtimeConfig, databaseConfig, redisConfig, httpConfig, authConfig, workerHealthConfig, sandboxConfig, syncConfig, reconcileConfig, documentConfig, credentialConfig,
  alertConfig, inboundPollConfig,
];
const variables = fragments.flatMap((fragment) => Object.keys(fragment.shape));

describe('.env.example', () => {
  const documented = readFileSync(join(root, '.env.example'), 'utf8')
    .split('\n')
    .map((line) => /^([A-Z0-9_]+)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);

  it('documents every variable of every config fragment', () => {
    expect(variables.filter((v) => !documented.includes(v))).toEqual([]);
  });
});

describe('turbo.json', () => {
  it('passes every variable through to tasks (turbo drops the ones it was not told about)', () => {
    const turbo = JSON.parse(readFileSync(join(root, 'turbo.json'), 'utf8')) as { globalPassThroughEnv: string[] };
    expect(variables.filter((v) => !turbo.globalPassThroughEnv.includes(v))).toEqual([]);
  });
});
