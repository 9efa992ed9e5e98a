import {
  authConfig, databaseConfig, documentConfig, httpConfig, loadConfig, requireRealDocumentKeyInProduction,
  requireRealSecretInProduction, runtimeConfig,
} from '@keta/config';
import type { z } from 'zod';

export const apiConfigSchema = runtimeConfig
  .extend(databaseConfig.shape)
  .extend(httpConfig.shape)
  .extend(authConfig.shape)
  .extend(documentConfig.shape)
  .superRefine(requireRealSecretInProduction)
  .superRefine(requireRealDocumentKeyInProduction);

export type ApiConfig = z.infer<typeof apiConfigSchema>;

/** Injection token for the API's one validated config. */
export const API_CONFIG = Symbol('API_CONFIG');

export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return loadConfig(apiConfigSchema, env);
}
