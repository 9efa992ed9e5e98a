/**
 * A failed exchange with an EHR, by class (STYLE.md, "Queues"). The code goes to the ledger and to logs:
 * it names the kind of failure and the status, never anything the EHR echoed back (it may be PHI).
 */
export type EhrErrorClass = 'temporary' | 'rate-limited' | 'auth' | 'conflict' | 'invalid' | 'not-found';

export class EhrError extends Error {
  constructor(
    readonly code: string,
    readonly errorClass: EhrErrorClass,
  ) {
    super(code);
    this.name = 'EhrError';
  }

  /** Sending the same thing again cannot succeed: no retry, the record waits for a person. */
  get permanent(): boolean {
    return this.errorClass === 'invalid' || this.errorClass === 'not-found';
  }
}

export function classifyStatus(status: number): EhrErrorClass {
  if (status === 429 || status === 503) return 'rate-limited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 404 || status === 410) return 'not-found';
  if (status >= 400 && status < 500 && status !== 408) return 'invalid';
  return 'temporary';
}
