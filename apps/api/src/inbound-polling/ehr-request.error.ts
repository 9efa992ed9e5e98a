/**
 * Why a request to an EHR failed, as a code ops can read in inbound_poll.last_error_code: never the answer's
 * body, which may hold PHI.
 */
export class EhrRequestError extends Error {
  constructor(readonly code: string) {
    super(`EHR request failed: ${code}`);
    this.name = 'EhrRequestError';
  }
}

/** unreachable, timeout, the EHR's HTTP status, or an answer that is not the FHIR JSON asked for. */
export function classifyFetchFailure(error: unknown): EhrRequestError {
  if (error instanceof EhrRequestError) return error;
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new EhrRequestError('ehr_timeout');
  return new EhrRequestError('ehr_unreachable');
}
