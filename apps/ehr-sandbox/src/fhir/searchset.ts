import { deepClone, type SearchRequest, type WithId } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';

/** The Bundle MemoryRepository.search answers with, for matches found without its scan. */
export function searchset<T extends Resource>(matches: WithId<T>[], search: SearchRequest<T>): Bundle<WithId<T>> {
  const start = search.offset ?? 0;
  const page = matches.slice(start, search.count === undefined ? undefined : start + search.count);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: page.length ? page.map((resource) => ({ resource: deepClone(resource) })) : undefined,
    total: matches.length,
  };
}
