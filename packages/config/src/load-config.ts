import type { z } from 'zod';
import { ConfigError } from './config-error';

type Env = Record<string, string | undefined>;

/**
 * Parses the environment once. Empty strings count as unset so that `FOO=` falls back to the default.
 * A failure names each variable and what is wrong with it, never its value (it may be a secret).
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.infer<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? 'environment');
    const missing = issue.code === 'invalid_type' && !(variable in present);
    return { variable, message: missing ? 'is required' : issue.message };
  });
  const text = problems.map((p) => `${p.variable} ${p.message}`).join('; ');
  throw new ConfigError(problems.map((p) => p.variable), `Invalid configuration: ${text}`);
}

/** Runs a process entry point's config step; on a ConfigError prints the message and exits (EX_CONFIG). */
export function loadConfigOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
}
