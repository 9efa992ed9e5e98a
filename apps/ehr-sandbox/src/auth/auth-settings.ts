export const MAX_TOKEN_LIFETIME_SECONDS = 86_400;
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 300;

/** `PUT /$sandbox/auth`: whether the FHIR base demands SMART tokens, and how long a new token lives. */
export interface AuthSettings {
  enabled: boolean;
  tokenLifetimeSeconds: number;
}

/**
 * Checks a `PUT /$sandbox/auth` body. Unlike the faults, a field left out keeps its current value: shortening
 * the token lifetime should not switch authorization off.
 */
export function parseAuthSettings(input: unknown, current: AuthSettings): AuthSettings | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'expected a JSON object';
  const { enabled = current.enabled, tokenLifetimeSeconds = current.tokenLifetimeSeconds, ...unknown } = input as Record<string, unknown>;
  const extra = Object.keys(unknown);
  if (extra.length > 0) return `unknown auth setting: ${extra.join(', ')}`;
  if (typeof enabled !== 'boolean') return 'enabled must be true or false';
  const lifetimeOk = typeof tokenLifetimeSeconds === 'number' && Number.isInteger(tokenLifetimeSeconds);
  if (!lifetimeOk || tokenLifetimeSeconds < 1 || tokenLifetimeSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
    return `tokenLifetimeSeconds must be an integer from 1 to ${MAX_TOKEN_LIFETIME_SECONDS}`;
  }
  return { enabled, tokenLifetimeSeconds };
}
