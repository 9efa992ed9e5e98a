import { badRequest, OperationOutcomeError, validateResource } from '@medplum/core';
import type { Resource, ResourceType } from '@medplum/fhirtypes';
import { requiredCodeIssues } from './required-codes';
import { missingElementIssues } from './required-elements';
import { isR4ResourceType } from './resource-types';

/** What this EHR demands beyond FHIR itself, as its profile would: switchable at run time. */
export interface WriteRules {
  requiredElements(resourceType: ResourceType): readonly string[];
}

export const NO_RULES: WriteRules = { requiredElements: () => [] };

/**
 * Medplum's router stores whatever it is given; a sandbox that did the same would hide the mapping bugs it
 * exists to catch. Checks structure, invariants and required codes (a 400 OperationOutcomeError naming each
 * problem: element path and reason), then the EHR's rules (a 422: the id `business-rule` is what Medplum's
 * getStatus maps to 422).
 */
export function assertValidForWrite(resource: Resource, rules: WriteRules = NO_RULES): void {
  if (!isR4ResourceType(resource.resourceType)) {
    throw new OperationOutcomeError(badRequest(`Unknown resource type: ${String(resource.resourceType)}`, 'resourceType'));
  }
  validateResource(resource);
  const issues = requiredCodeIssues(resource);
  if (issues.length > 0) throw new OperationOutcomeError({ resourceType: 'OperationOutcome', issue: issues });
  const missing = missingElementIssues(resource, rules.requiredElements(resource.resourceType));
  if (missing.length > 0) throw new OperationOutcomeError({ resourceType: 'OperationOutcome', id: 'business-rule', issue: missing });
}
