import { EhrError, classifyStatus } from './ehr-error';

const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const discovered = new Map<string, { tokenUrl: string; until: number }>();

/**
 * The EHR's token endpoint, from `[base]/.well-known/smart-configuration` (SMART App Launch 2.x), remembered
 * an hour per base URL. An EHR that answers without a token endpoint, or has no such document, cannot be used
 * as configured (refused: set the token URL on the connection); any other failure is the usual temporary or
 * rate-limited one.
 */
export async function discoverTokenUrl(baseUrl: string, timeoutMs: number): Promise<string> {
  const known = discovered.get(baseUrl);
  if (known && known.until > Date.now()) return known.tokenUrl;
  const response = await fetch(`${baseUrl}/.well-known/smart-configuration`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) })
    .catch(() => undefined);
  if (!response) throw new EhrError('ehr_smart_discovery_unreachable', 'temporary');
  if (!response.ok && response.status !== 404 && response.status !== 410) {
    const errorClass = classifyStatus(response.status);
    throw errorClass === 'rate-limited' || errorClass === 'temporary' ? new EhrError(`ehr_smart_discovery_http_${response.status}`, errorClass) : EhrError.refused(`ehr_smart_discovery_http_${response.status}`);
  }
  const body = (await response.json().catch(() => undefined)) as { token_endpoint?: unknown } | undefined;
  const tokenUrl = response.ok && typeof body?.token_endpoint === 'string' ? body.token_endpoint : undefined;
  if (!tokenUrl || !/^https?:\/\//.test(tokenUrl)) throw EhrError.refused('ehr_smart_discovery_no_token_endpoint');
  discovered.set(baseUrl, { tokenUrl, until: Date.now() + DISCOVERY_TTL_MS });
  return tokenUrl;
}

/** Forgets what was discovered for this base URL (its token endpoint failed: it may have moved). */
export function forgetTokenUrl(baseUrl: string): void {
  discovered.delete(baseUrl);
}
