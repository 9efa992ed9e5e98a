import type { CapabilityStatement } from '@medplum/fhirtypes';
import { FHIR_TYPES, SUPPORTED } from './supported-resources';

/** When what the statement says last changed; bump it with the table in supported-resources.ts. */
const STATEMENT_DATE = '2026-11-22';

/**
 * What this endpoint does, and nothing it does not: read and search-type on the supported types, with
 * exactly the search parameters and _include values the parser accepts (both come from SUPPORTED).
 */
export function capabilityStatement(base: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: STATEMENT_DATE,
    publisher: 'Keta',
    kind: 'instance',
    software: { name: 'Keta' },
    implementation: { description: 'Keta FHIR R4 endpoint', url: base },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: { description: 'Bearer token from POST /auth/sign-in; the clinician role may read and search.' },
        resource: FHIR_TYPES.map((type) => {
          const { searchParams, include } = SUPPORTED[type];
          return {
            type,
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            ...(include ? { searchInclude: [include] } : {}),
            searchParam: searchParams.map(({ name, definition, type: paramType, documentation }) => ({ name, definition, type: paramType, documentation })),
          };
        }),
      },
    ],
  };
}
