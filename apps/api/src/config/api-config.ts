import {
  authConfig, credentialConfig, databaseConfig, documentConfig, httpConfig, inboundPollConfig, loadConfig, redisConfig, requireRealCredentialKeyInProduction, requireRealDocumentKeyInProduction,
  requireRealSecretInProduction, runtimeConfig, syncConfig,
} from '@keta/config';
import type { z } from 'zod';

export const apiConfigSchema = runtimeConfig
  .extend(databaseConfig.shape)
  .extend(httpConfig.shape)
  .extend(authConfig.shape)
  .extend(documentConfig.shape)
  // The API generates and seals the private keys Keta signs with as a SMART client of an EHR.
  .extend(credentialConfig.shape)
  // Ops read the sync queues (counts, failed jobs) and act on them; the API's own work never needs Redis.
  .extend(redisConfig.shape)
  .extend(syncConfig.pick({ QUEUE_PREFIX: true, EHR_REQUEST_TIMEOUT_MS: true }).shape)
  // The API polls EHRs for referrals: the intake it feeds lives here.
  .extend(inboundPollConfig.shape)
  .superRefine(requireRealSecretInProduction)
  .superRefine(requireRealDocumentKeyInProduction)
  .superRefine(requireRealCredentialKeyInProduction);

export type ApiConfig = z.infer<typeof apiConfigSchema>;

/** Injection token for the API's one validated config. */
export const API_CONFIG = Symbol('API_CONFIG');

export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return loadConfig(apiConfigSchema, env);
}
