import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { FHIR_TYPES, SUPPORTED } from './supported-resources';

/** When what the statement says last changed; bump it with the table in supported-resources.ts. */
const STATEMENT_DATE = '2026-11-22';
const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

/** The letters and signed consents DocumentReferences point at: read only, as PDF or as FHIR JSON. */
const BINARY: CapabilityStatementRestResource = { type: 'Binary', interaction: [{ code: 'read' }], documentation: 'The PDF a DocumentReference attachment points at (Accept: application/pdf), or a Binary.' };

/**
 * What this endpoint does, and nothing it does not: read and search-type on the supported types, with
 * exactly the search parameters and _include values the parser accepts (both come from SUPPORTED).
 * Security names SMART and its token endpoint, as SMART clients look for them here and in
 * .well-known/smart-configuration.
 */
export function capabilityStatement(base: string, tokenEndpoint: string): CapabilityStatement {
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
        security: {
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          extension: [{ url: OAUTH_URIS, extension: [{ url: 'token', valueUri: tokenEndpoint }] }],
          description:
            'SMART Backend Services: client_credentials with a private_key_jwt assertion (RS384 or ES384) at the token ' +
            'endpoint; read needs system/<Type>.r, search system/<Type>.s, and a referral transaction system/ServiceRequest.c. ' +
            'Clinicians use a bearer token from POST /auth/sign-in.',
        },
        interaction: [{ code: 'transaction', documentation: 'Referral Bundles: Patient, ServiceRequest and the resources they reference; all or nothing.' }],
        resource: [...FHIR_TYPES.map((type): CapabilityStatementRestResource => {
          const { searchParams, include } = SUPPORTED[type];
          return {
            type,
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            ...(include ? { searchInclude: [include] } : {}),
            searchParam: searchParams.map(({ name, definition, type: paramType, documentation }) => ({ name, definition, type: paramType, documentation })),
          };
        }), BINARY],
      },
    ],
  };
}
