import type { Bundle, BundleEntry, BundleLink, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import type { SearchPage } from './projection-reader.service';
import { encodeCursor } from './search-cursor';
import type { ParsedSearch } from './search-parameter.parser';
import type { FhirType } from './supported-resources';

/**
 * A searchset Bundle for one page. The self link repeats only the parameters that were applied: that is
 * how R4 tells a client which of its parameters a lenient search ignored (an OperationOutcome entry with
 * search.mode = outcome says it in words too).
 */
export function searchsetBundle(base: string, type: FhirType, search: ParsedSearch, page: SearchPage): Bundle {
  const link: BundleLink[] = [{ relation: 'self', url: searchUrl(base, type, search, search.after) }];
  if (page.nextAfter) link.push({ relation: 'next', url: searchUrl(base, type, search, page.nextAfter) });
  const entry: BundleEntry[] = [
    ...page.matches.map((resource) => resourceEntry(base, resource, 'match')),
    ...page.included.map((resource) => resourceEntry(base, resource, 'include')),
    ...(search.ignored.length ? [ignoredParametersEntry(type, search.ignored)] : []),
  ];
  return { resourceType: 'Bundle', type: 'searchset', total: page.total, link, entry };
}

function searchUrl(base: string, type: FhirType, search: ParsedSearch, after: string | undefined): string {
  const params = new URLSearchParams(search.applied);
  params.append('_count', String(search.count));
  if (after) params.append('_cursor', encodeCursor(after));
  return `${base}/${type}?${params}`;
}

function resourceEntry(base: string, resource: Resource, mode: 'match' | 'include'): BundleEntry {
  return { fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode } };
}

function ignoredParametersEntry(type: FhirType, names: readonly string[]): BundleEntry<OperationOutcome> {
  const issue = [...new Set(names)].map((name) => ({
    severity: 'warning' as const,
    code: 'not-supported' as const,
    diagnostics: `${name}: ignored (handling=lenient), not a search parameter of ${type} on this server`,
    expression: [name],
  }));
  return { fullUrl: `urn:uuid:${randomUUID()}`, resource: { resourceType: 'OperationOutcome', issue }, search: { mode: 'outcome' } };
}
