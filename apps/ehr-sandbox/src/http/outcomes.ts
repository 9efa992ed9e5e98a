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
