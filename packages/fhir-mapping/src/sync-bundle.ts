import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { SyncIdentifier } from './identifier-systems';

export interface SyncItem {
  resource: Resource & { id: string };
  syncIdentifier: SyncIdentifier;
}

/**
 * One transaction Bundle that upserts every item by its Keta identifier (conditional update), so sending
 * it twice changes nothing. Local ids stay local: each entry gets a urn:uuid fullUrl and references
 * between the items point at those, for the EHR to resolve to its own ids; a reference to a record sent
 * before, in another Bundle, takes the EHR's id for it from `elsewhere` (`Type/localId` → `Type/remoteId`). Of `meta`, only the security
 * labels and tags travel (a Part 2 label must reach the recipient); version and time are the EHR's own.
 */
export function toSyncBundle(items: readonly SyncItem[], elsewhere: ReadonlyMap<string, string> = new Map()): Bundle {
  const fullUrls = new Map(items.map(({ resource }) => [`${resource.resourceType}/${resource.id}`, `urn:uuid:${resource.id}`]));
  if (new Set(fullUrls.values()).size !== items.length) throw new Error('Two items of one sync Bundle share an id');
  const entry: BundleEntry[] = items.map(({ resource, syncIdentifier }) => {
    const { id: _id, meta, ...content } = resource;
    const labels = { ...(meta?.security ? { security: meta.security } : {}), ...(meta?.tag ? { tag: meta.tag } : {}) };
    return {
      fullUrl: fullUrls.get(`${resource.resourceType}/${resource.id}`),
      resource: rewriteReferences(Object.keys(labels).length ? { ...content, meta: labels } : content, fullUrls, elsewhere) as Resource,
      request: { method: 'PUT', url: `${resource.resourceType}?identifier=${syncIdentifier.system}|${syncIdentifier.value}` },
    };
  });
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

function rewriteReferences(value: unknown, fullUrls: ReadonlyMap<string, string>, elsewhere: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteReferences(item, fullUrls, elsewhere));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === 'reference' && typeof inner === 'string' ? (fullUrls.get(inner) ?? elsewhere.get(inner) ?? inner) : rewriteReferences(inner, fullUrls, elsewhere),
    ]),
  );
}
