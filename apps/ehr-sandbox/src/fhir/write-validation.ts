import { badRequest, OperationOutcomeError, validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { requiredCodeIssues } from './required-codes';
import { isR4ResourceType } from './resource-types';

/**
 * Medplum's router stores whatever it is given; a sandbox that did the same would hide the mapping bugs it
 * exists to catch. Checks structure, invariants and required codes; throws a 400 OperationOutcomeError
 * naming each problem (element path and reason).
 */
export function assertValidForWrite(resource: Resource): void {
  if (!isR4ResourceType(resource.resourceType)) {
    throw new OperationOutcomeError(badRequest(`Unknown resource type: ${String(resource.resourceType)}`, 'resourceType'));
  }
  validateResource(resource);
  const issues = requiredCodeIssues(resource);
  if (issues.length > 0) throw new OperationOutcomeError({ resourceType: 'OperationOutcome', issue: issues });
}
