import type { Bundle } from '@medplum/fhirtypes';
import { EhrError, classifyStatus, reach, retryAfterMs, summarizeOutcome } from './ehr-error';

const FHIR_JSON = 'application/fhir+json';

/** Posts a transaction Bundle to an EHR's FHIR base and answers its transaction-response. */
export function postTransaction(baseUrl: string, bundle: Bundle, timeoutMs: number, authorization?: string): Promise<Bundle> {
  return postBundle(baseUrl, bundle, 'transaction-response', timeoutMs, authorization);
}

/** Posts a batch Bundle (reconciliation's searches) and answers its batch-response: each entry stands alone. */
export function postBatch(baseUrl: string, bundle: Bundle, timeoutMs: number, authorization?: string): Promise<Bundle> {
  return postBundle(baseUrl, bundle, 'batch-response', timeoutMs, authorization);
}

async function postBundle(baseUrl: string, bundle: Bundle, answerType: Bundle['type'], timeoutMs: number, authorization?: string): Promise<Bundle> {
  const response = await reach(baseUrl, {
    method: 'POST',
    headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON, ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(bundle),
  }, timeoutMs);
  if (!response.ok) {
    const outcome = summarizeOutcome(await response.json().catch(() => undefined));
    throw new EhrError(`ehr_http_${response.status}`, classifyStatus(response.status), retryAfterMs(response.headers.get('retry-after')), outcome);
  }
  const body = (await response.json().catch(() => undefined)) as Bundle | undefined;
  if (body?.resourceType !== 'Bundle' || body.type !== answerType || body.entry?.length !== bundle.entry?.length) {
    throw new EhrError('ehr_bad_response', 'temporary');
  }
  return body;
}

/** Reads one resource or search page (a URL under the EHR's base), classified as the writes are. */
export async function getResource<T>(url: string, timeoutMs: number, authorization?: string): Promise<T> {
  const response = await reach(url, { headers: { accept: FHIR_JSON, ...(authorization ? { authorization } : {}) } }, timeoutMs);
  if (!response.ok) {
    await response.body?.cancel();
    throw new EhrError(`ehr_http_${response.status}`, classifyStatus(response.status), retryAfterMs(response.headers.get('retry-after')));
  }
  const body = (await response.json().catch(() => undefined)) as { resourceType?: unknown } | undefined;
  if (typeof body?.resourceType !== 'string') throw new EhrError('ehr_bad_response', 'temporary');
  return body as T;
}
