import type { SyncIdentifier } from '@keta/fhir-mapping';
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { EhrError, classifyStatus } from '@keta/ehr-client';
import { foundIn, type FoundResource } from './ehr-comparison';

/** Searches per batch Bundle: small enough for any EHR's limits, few enough requests for a sample of hundreds. */
export const SEARCHES_PER_REQUEST = 50;

/** One search: a type as the EHR received it, and the identifier the conditional update used. */
export interface IdentifierSearch {
  resourceType: string;
  identifier: SyncIdentifier;
}

/** Posts a batch Bundle to the EHR (with the connection's credentials) and answers its batch-response. */
export type PostBatch = (bundle: Bundle) => Promise<Bundle>;

/**
 * Asks the EHR what it holds under each identifier, the same `Type?identifier=system|value` the sync's
 * conditional updates use, as batch Bundles of GETs. Answers the matches of each search, in order. Any search
 * the EHR does not answer fails the whole run (classified as for the sync): a half-answered comparison must
 * not send records again for nothing.
 */
export async function searchByIdentifier(post: PostBatch, searches: readonly IdentifierSearch[]): Promise<FoundResource[][]> {
  const found: FoundResource[][] = [];
  for (let at = 0; at < searches.length; at += SEARCHES_PER_REQUEST) {
    const part = searches.slice(at, at + SEARCHES_PER_REQUEST);
    const answer = await post(batchOf(part));
    found.push(...part.map((search, i) => matchesOf(answer.entry?.[i], search.resourceType)));
  }
  return found;
}

function batchOf(searches: readonly IdentifierSearch[]): Bundle {
  return { resourceType: 'Bundle', type: 'batch', entry: searches.map((s) => ({ request: { method: 'GET', url: searchUrl(s) } })) };
}

export function searchUrl({ resourceType, identifier }: IdentifierSearch): string {
  return `${resourceType}?identifier=${encodeURIComponent(`${identifier.system}|${identifier.value}`)}`;
}

function matchesOf(entry: BundleEntry | undefined, resourceType: string): FoundResource[] {
  const status = Number.parseInt(entry?.response?.status ?? '', 10);
  if (!(status >= 200 && status < 300)) throw new EhrError(`ehr_search_http_${Number.isNaN(status) ? 'none' : status}`, Number.isNaN(status) ? 'temporary' : classifyStatus(status));
  const searchset = entry?.resource as Bundle | undefined;
  if (searchset?.resourceType !== 'Bundle' || searchset.type !== 'searchset') throw new EhrError('ehr_bad_response', 'temporary');
  return foundIn(searchset, resourceType);
}
