import { DomainError, ErrorCode } from '@keta/errors';
import { validateResource } from '@medplum/core';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { toOperationOutcome } from './operation-outcome.mapper';

beforeAll(indexFhirDefinitions);

describe('toOperationOutcome', () => {
  it('gives one issue per field, pointing at the field', () => {
    const error = new DomainError(ErrorCode.ValidationFailed, 'Invalid', [
      { field: 'subject', message: 'is required' },
    ]);
    const outcome = toOperationOutcome(error);
    expect(outcome.issue).toEqual([
      { severity: 'error', code: 'invalid', diagnostics: 'is required', expression: ['subject'] },
    ]);
    expect(() => validateResource(outcome)).not.toThrow();
  });

  it.each(Object.values(ErrorCode))('maps %s to a valid OperationOutcome', (code) => {
    const outcome = toOperationOutcome(new DomainError(code, 'Something went wrong'));
    expect(outcome.issue[0]?.diagnostics).toBe('Something went wrong');
    expect(() => validateResource(outcome)).not.toThrow();
  });
});
