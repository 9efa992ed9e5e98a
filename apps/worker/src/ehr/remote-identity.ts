import type { BundleEntry } from '@medplum/fhirtypes';

/** The EHR's id and version for a transaction-response entry, from its resource or its Location. */
export function remoteIdentity(entry: BundleEntry | undefined): { remoteId: string | null; remoteVersion: string | null } {
  const resource = entry?.resource;
  const [, id, , version] = (entry?.response?.location ?? '').split('/');
  const etagVersion = /W\/"([^"]+)"/.exec(entry?.response?.etag ?? '')?.[1];
  return {
    remoteId: resource?.id ?? id ?? null,
    remoteVersion: resource?.meta?.versionId ?? version ?? etagVersion ?? null,
  };
}
