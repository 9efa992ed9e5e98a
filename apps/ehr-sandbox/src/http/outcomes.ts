import type { OperationOutcome } from '@medplum/fhirtypes';

/** The sandbox's own answers; Medplum's router makes the rest. */
export function unknownPath(path: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    id: 'not-found',
    issue: [{ severity: 'error', code: 'not-found', details: { text: 'Not found' }, diagnostics: `Unknown path ${path}` }],
  };
}

/** Deliberately says nothing more: the cause goes to the log, not to the client. */
export const internalError: OperationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'exception', details: { text: 'Internal server error' } }],
};

/** An injected 503: the client should retry later. */
export const transientError: OperationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'transient', details: { text: 'Service unavailable, try again later' } }],
};

/** An injected 429, sent with Retry-After. */
export const throttled: OperationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'throttled', details: { text: 'Too many requests' } }],
};

/** A request without the bearer token the rules demand (sent with WWW-Authenticate: Bearer). */
export const unauthorized: OperationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'login', details: { text: 'Authentication required' } }],
};

/** A SMART-protected request whose token is missing (`login`), expired (`expired`) or unknown or revoked (`login`). */
export function tokenRefused(code: 'login' | 'expired', text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] };
}

/** A SMART-protected request its token's scopes do not allow. */
export function forbidden(text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', details: { text } }] };
}
