import { z } from 'zod';
import { ConfigError } from './config-error';
import { authConfig, databaseConfig, httpConfig, redisConfig, requireRealSecretInProduction, runtimeConfig } from './fragments';
import { loadConfig } from './load-config';
import { maskUrl } from './mask-url';

const schema = runtimeConfig
  .extend(databaseConfig.shape)
  .extend(redisConfig.shape)
  .extend(authConfig.shape)
  .superRefine(requireRealSecretInProduction);

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to local PostgreSQL and Redis', () => {
    const config = loadConfig(schema, {});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/keta');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.MIGRATE_ON_START).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(schema, { LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });

  it.each([
    ['DATABASE_URL', 'nonsense', 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
    ['DATABASE_URL', 'mysql://x@y/z', 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
    ['REDIS_URL', 'http://localhost', 'REDIS_URL must be a redis:// or rediss:// URL'],
    ['MIGRATE_ON_START', 'maybe', 'MIGRATE_ON_START must be true or false'],
    ['AUTH_TOKEN_SECRET', 'short', 'AUTH_TOKEN_SECRET must be at least 32 characters'],
  ])('names %s when it is %s', (variable, value, message) => {
    const error = failure({ [variable]: value });
    expect(error.variables).toEqual([variable]);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain(value);
  });

  it('refuses the public development secret in production', () => {
    const error = failure({ NODE_ENV: 'production' });
    expect(error.message).toBe('Invalid configuration: AUTH_TOKEN_SECRET is required in production');
  });

  it('says what is wrong with a present but invalid number, not that it is missing', () => {
    const ports = z.object({ PORT: z.coerce.number().int() });
    expect(() => loadConfig(ports, { PORT: 'eighty' })).toThrow('Invalid configuration: PORT Invalid input: expected number, received NaN');
  });

  it('reports a missing required variable as required', () => {
    const required = z.object({ EHR_BASE_URL: z.url() });
    expect(() => loadConfig(required, {})).toThrow('Invalid configuration: EHR_BASE_URL is required');
  });
});

describe('maskUrl', () => {
  it('hides the password of a connection URL', () => {
    expect(maskUrl('postgres://keta:s3cret@db:5432/keta')).toBe('postgres://keta:***@db:5432/keta');
  });
});

describe('CORS_ORIGINS', () => {
  const http = httpConfig;
  it('is none by default, and a trimmed list of origins when set', () => {
    expect(loadConfig(http, {}).CORS_ORIGINS).toEqual([]);
    expect(loadConfig(http, { CORS_ORIGINS: ' https://portal.clinic.example ,http://localhost:5173' }).CORS_ORIGINS).toEqual(['https://portal.clinic.example', 'http://localhost:5173']);
  });

  it.each(['portal.clinic.example', 'https://portal.clinic.example/app', 'ftp://files.example'])('names CORS_ORIGINS when it lists %s', (origin) => {
    let error: unknown;
    try {
      loadConfig(http, { CORS_ORIGINS: origin });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variables).toEqual(['CORS_ORIGINS']);
  });
});
