import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authConfig, databaseConfig, httpConfig, redisConfig, runtimeConfig, workerHealthConfig } from './fragments';

describe('.env.example', () => {
  const documented = readFileSync(join(__dirname, '..', '..', '..', '.env.example'), 'utf8')
    .split('\n')
    .map((line) => /^([A-Z0-9_]+)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);

  it('documents every variable of every config fragment', () => {
    const fragments = [runtimeConfig, databaseConfig, redisConfig, httpConfig, authConfig, workerHealthConfig];
    const variables = fragments.flatMap((fragment) => Object.keys(fragment.shape));
    expect(variables.filter((v) => !documented.includes(v))).toEqual([]);
  });
});
