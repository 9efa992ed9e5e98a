import { getSearchParameters } from '@medplum/core';
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceInteraction,
  ResourceType,
} from '@medplum/fhirtypes';
import { r4ResourceTypes } from './resource-types';

type TypeInteraction = CapabilityStatementRestResourceInteraction['code'];

const TYPE_INTERACTIONS: TypeInteraction[] = ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'create', 'search-type'];

/** What /metadata answers: every R4 resource type, with what the router does for each. */
export function capabilityStatement(baseUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: 'Keta EHR sandbox' },
    implementation: { description: 'Keta EHR sandbox: FHIR R4 in memory, for development and tests', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        resource: r4ResourceTypes().map(restResource),
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'search-system' }],
      },
    ],
  };
}

function restResource(type: ResourceType): CapabilityStatementRestResource {
  const searchParam = Object.values(getSearchParameters(type) ?? {}).map(({ code, type: paramType }) => ({ name: code, type: paramType }));
  return {
    type,
    interaction: TYPE_INTERACTIONS.map((code) => ({ code })),
    versioning: 'versioned',
    updateCreate: true,
    conditionalCreate: true,
    conditionalUpdate: true,
    conditionalDelete: 'single',
    ...(searchParam.length > 0 && { searchParam }),
  };
}
