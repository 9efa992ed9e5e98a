import { loadConfig, runtimeConfig, sandboxConfig } from '@keta/config';

const schema = runtimeConfig.extend(sandboxConfig.shape);

export function loadSandboxConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(schema, env);
}

export type SandboxConfig = ReturnType<typeof loadSandboxConfig>;
