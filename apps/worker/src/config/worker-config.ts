import {
  alertConfig, credentialConfig, databaseConfig, loadConfig, reconcileConfig, redisConfig, requireRealCredentialKeyInProduction, runtimeConfig, syncConfig,
  workerHealthConfig,
} from '@keta/config';
import type { z } from 'zod';

export const workerConfigSchema = runtimeConfig
  .extend(databaseConfig.shape)
  .extend(redisConfig.shape)
  .extend(workerHealthConfig.shape)
  .extend(syncConfig.shape)
  .extend(reconcileConfig.shape)
  .extend(alertConfig.shape)
  .extend(credentialConfig.shape)
  .superRefine(requireRealCredentialKeyInProduction);

export type WorkerConfig = z.infer<typeof workerConfigSchema>;

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  return loadConfig(workerConfigSchema, env);
}
