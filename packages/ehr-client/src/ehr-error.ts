import type { OutcomeSummary } from '@keta/domain';

/**
 * A failed exchange with an EHR, by class (STYLE.md, "Queues"). The code goes to the ledger and to logs:
 * it names the kind of failure and the status, never anything the EHR echoed back (it may be PHI).
 */
export type EhrErrorClass = 'temporary' | 'rate-limited' | 'auth' | 'conflict' | 'invalid' | 'not-found';

/** Codes about the EHR or its gateway as a whole: not reached, timed out, a bad gateway, or Keta not let in. */
const CONNECTION_WIDE_ENDINGS = ['_timeout', '_unreachable', '_http_502', '_http_504', '_http_401'];

export class EhrError extends Error {
  constructor(
    readonly code: string,
    readonly errorClass: EhrErrorClass,
    /** How long the EHR asked us to wait (Retry-After), when it did. */
    readonly retryAfterMs?: number,
    /** The EHR's OperationOutcome without its text: what a dead letter keeps. */
    readonly outcome?: OutcomeSummary,
    /** The EHR refused Keta's credentials themselves: the connection is held until they change or ops retry. */
    readonly refused = false,
  ) {
    super(code);
    this.name = 'EhrError';
  }

  /** Sending the same thing again cannot succeed: no retry, the record waits for a person. */
  get permanent(): boolean {
    return this.errorClass === 'invalid' || this.errorClass === 'not-found' || this.refused;
  }

  /**
   * The EHR as a whole did not take the request (unreachable, timed out, busy, its gateway failing, or refusing
   * Keta's credentials): no fault of the one record asked for, so nothing is set aside for it.
   */
  get connectionWide(): boolean {
    return this.refused || this.errorClass === 'rate-limited' || CONNECTION_WIDE_ENDINGS.some((ending) => this.code.endsWith(ending));
  }

  /** Credentials the EHR refused (an auth failure that asking again cannot mend). */
  static refused(code: string): EhrError {
    return new EhrError(code, 'auth', undefined, undefined, true);
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

/** Retry-After as milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** An OperationOutcome's severities, codes, paths and coded details: its free text may echo the record. */
export function summarizeOutcome(body: unknown): OutcomeSummary | undefined {
  const outcome = body as { resourceType?: string; issue?: unknown[] } | undefined;
  if (outcome?.resourceType !== 'OperationOutcome' || !Array.isArray(outcome.issue)) return undefined;
  const issue = outcome.issue.slice(0, 20).map((raw) => {
    const i = raw as { severity?: string; code?: string; expression?: unknown; details?: { coding?: Array<{ system?: string; code?: string }> } };
    const expression = Array.isArray(i.expression) ? i.expression.filter((e): e is string => typeof e === 'string').slice(0, 5) : undefined;
    const details = i.details?.coding?.slice(0, 5).map(({ system, code }) => ({ ...(system ? { system } : {}), ...(code ? { code } : {}) }));
    return { severity: String(i.severity ?? 'error'), code: String(i.code ?? 'unknown'), ...(expression?.length ? { expression } : {}), ...(details?.length ? { details } : {}) };
  });
  return { issue };
}

/**
 * `fetch` with a timeout. Not reaching the EHR at all is a temporary failure, `<prefix>_timeout` or
 * `<prefix>_unreachable`; what it answered is the caller's to read.
 */
export async function reach(url: string, init: RequestInit, timeoutMs: number, prefix = 'ehr'): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new EhrError(error instanceof Error && error.name === 'TimeoutError' ? `${prefix}_timeout` : `${prefix}_unreachable`, 'temporary');
  }
}
