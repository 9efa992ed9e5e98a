import { getResourceTypes } from '@medplum/core';
import type { ResourceType } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from './fhir-definitions';
import { valueSetCodes } from './value-set-codes';

let r4Types: ReadonlySet<ResourceType> | undefined;

/**
 * The concrete resource types of FHIR R4. Medplum's R4 definitions carry one more, SubscriptionStatus (an R4B
 * backport), which R4's ResourceType value set lacks: a CapabilityStatement listing it would be invalid.
 */
export function r4ResourceTypes(): ResourceType[] {
  return [...knownTypes()];
}

export function isR4ResourceType(type: unknown): type is ResourceType {
  return typeof type === 'string' && knownTypes().has(type as ResourceType);
}

function knownTypes(): ReadonlySet<ResourceType> {
  if (!r4Types) {
    loadFhirDefinitions();
    const r4 = valueSetCodes('http://hl7.org/fhir/ValueSet/resource-types');
    r4Types = new Set(getResourceTypes().filter((type) => r4?.has(type)));
  }
  return r4Types;
}
