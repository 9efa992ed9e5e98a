import { FHIR_TYPES } from '../fhir/supported-resources';

/**
 * The system scopes /fhir/R4 honours: read (`r`) and search (`s`) on each type it serves, or on all of
 * them (`*`). Derived from the FHIR table, so a new type is advertised when it is served.
 */
export function supportedScopes(): string[] {
  return ['*', ...FHIR_TYPES].flatMap((type) => ['rs', 'r', 's'].map((permissions) => `system/${type}.${permissions}`));
}
