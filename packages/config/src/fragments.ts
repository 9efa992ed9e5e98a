import { z } from 'zod';

/** Config fragments; each process composes the ones it needs into one schema. */

const port = z.coerce.number().int().min(1).max(65535);
const flag = z.stringbool({ error: 'must be true or false' });

export const runtimeConfig = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export const databaseConfig = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .default('postgres://postgres@127.0.0.1:5432/keta'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MIGRATE_ON_START: flag.default(true),
});

export const redisConfig = z.object({
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .default('redis://127.0.0.1:6379'),
});

export const httpConfig = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  TRUST_PROXY: flag.default(false),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** Other web origins whose pages may call the API from a browser; none by default (same origin only). */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must list origins like https://portal.clinic.example', abort: true }).refine((o) => URL.canParse(o) && new URL(o).origin === o, 'must be origins only (scheme, host, port), without a path'))),
  /** Referrals (and their letters and answers) one caller may send per minute; then 429 with Retry-After. */
  INTAKE_MAX_PER_MINUTE: z.coerce.number().int().min(1).max(1000000).default(60),
});

export const workerHealthConfig = z.object({
  WORKER_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_HEALTH_PORT: port.default(3001),
});

export const syncConfig = z.object({
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores').default('keta'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(600000).default(1000),
  OUTBOX_REQUEUE_AFTER_MS: z.coerce.number().int().min(100).max(86400000).default(30000),
  SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  SYNC_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  SYNC_BACKOFF_MS: z.coerce.number().int().min(10).max(600000).default(1000),
  EHR_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600000).default(30000),
  SYNC_LOCK_MS: z.coerce.number().int().min(1000).max(600000).default(30000),
  /** A conflict (409/412) is retried this many times in all, then waits as a dead letter. */
  SYNC_CONFLICT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(3),
  /** Consecutive failed syncs to one EHR that open its circuit: its queue pauses, then one job probes. */
  SYNC_BREAKER_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
  SYNC_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).max(3600000).default(30000),
});

/** Reconciliation of each connection's ledger with its EHR (worker). */
export const reconcileConfig = z.object({
  /** How often each enabled connection's sample is checked; 0 turns the schedule off (ops can still ask). */
  RECONCILE_EVERY_MINUTES: z.coerce.number().int().min(0).max(10080).default(60),
  /** Ledger rows checked per connection per scheduled run, least recently checked first. */
  RECONCILE_SAMPLE_SIZE: z.coerce.number().int().min(1).max(10000).default(200),
});

/** The API polls EHRs that do not push referrals (a connection's pollReferrals): how often it looks, how far per poll. */
export const inboundPollConfig = z.object({
  /** How often the API looks for connections due a poll; 0: this process never polls. */
  INBOUND_POLL_TICK_MS: z.coerce.number().int().min(0).max(3600000).default(5000),
  /** ServiceRequests asked for per page, and pages read per poll (the rest wait for the next tick). */
  INBOUND_POLL_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  INBOUND_POLL_MAX_PAGES: z.coerce.number().int().min(1).max(1000).default(10),
});

export const sandboxConfig = z.object({
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_PORT: port.default(8103),
  SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).max(600000).default(0),
});

const DEVELOPMENT_SECRET = 'keta-development-token-secret-never-for-production';
const DEVELOPMENT_DOCUMENT_KEY = 'dev:a2V0YS1kZXZlbG9wbWVudC1kb2N1bWVudC1rZXktMzI=';

/** `id:base64` pairs; each key is 32 bytes (AES-256). The first is the one new documents use. */
const documentKeys = z
  .string()
  .transform((text) => text.split(',').map((pair) => pair.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=$/, 'must be id:base64 pairs of 32-byte keys, separated by commas'))
      .min(1, 'must hold at least one key'),
  );

export const documentConfig = z.object({
  DOCUMENT_KEYS: documentKeys.default([DEVELOPMENT_DOCUMENT_KEY]),
  DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(10 * 1024 * 1024),
  /** What a PDF's compressed streams may expand to when opened: past it, a decompression bomb is refused. */
  DOCUMENT_MAX_EXPANDED_BYTES: z.coerce.number().int().min(64 * 1024).max(1024 * 1024 * 1024).default(64 * 1024 * 1024),
});

/** Production must bring its own document key: the development default is public. */
export function requireRealDocumentKeyInProduction(
  config: z.infer<typeof runtimeConfig> & z.infer<typeof documentConfig>,
  ctx: z.RefinementCtx,
): void {
  if (config.NODE_ENV === 'production' && config.DOCUMENT_KEYS.includes(DEVELOPMENT_DOCUMENT_KEY)) {
    ctx.addIssue({ code: 'custom', path: ['DOCUMENT_KEYS'], message: 'is required in production' });
  }
}

const DEVELOPMENT_CREDENTIAL_KEY = 'dev:a2V0YS1kZXZlbG9wbWVudC1jcmVkZW50aWFsLWtleS0=';

/**
 * The key ring that seals Keta's own credentials for EHRs (the private keys of its SMART clients, their
 * cached access tokens): the API generates and seals, the worker opens. Same form as DOCUMENT_KEYS.
 */
export const credentialConfig = z.object({
  CREDENTIAL_KEYS: documentKeys.default([DEVELOPMENT_CREDENTIAL_KEY]),
});

/** Production must bring its own credential key: the development default is public. */
export function requireRealCredentialKeyInProduction(
  config: z.infer<typeof runtimeConfig> & z.infer<typeof credentialConfig>,
  ctx: z.RefinementCtx,
): void {
  if (config.NODE_ENV === 'production' && config.CREDENTIAL_KEYS.includes(DEVELOPMENT_CREDENTIAL_KEY)) {
    ctx.addIssue({ code: 'custom', path: ['CREDENTIAL_KEYS'], message: 'is required in production' });
  }
}

export const authConfig = z.object({
  AUTH_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEVELOPMENT_SECRET),
  AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  SIGN_IN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(5),
  SIGN_IN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(100000).default(50),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
});

/** Production must bring its own token secret: the development default is public. */
export function requireRealSecretInProduction(
  config: z.infer<typeof runtimeConfig> & z.infer<typeof authConfig>,
  ctx: z.RefinementCtx,
): void {
  if (config.NODE_ENV === 'production' && config.AUTH_TOKEN_SECRET === DEVELOPMENT_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_TOKEN_SECRET'], message: 'is required in production' });
  }
}

/** Alerts per EHR connection, checked by the worker; a connection's `alertThresholds` override the thresholds. */
export const alertConfig = z.object({
  ALERT_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).max(3600000).default(30000),
  ALERT_OLDEST_PENDING_SECONDS: z.coerce.number().int().min(1).max(30 * 86400).default(600),
  ALERT_FAILURE_RATE: z.coerce.number().gt(0).max(1).default(0.5),
  ALERT_MIN_ATTEMPTS: z.coerce.number().int().min(1).max(1000000).default(5),
  ALERT_NO_TRAFFIC_MINUTES: z.coerce.number().int().min(1).max(30 * 1440).default(15),
  ALERT_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ALERT_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
});
