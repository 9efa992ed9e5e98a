import type { BundleEntry } from '@medplum/fhirtypes';

/** `[base/]Type/id[/_history/version]`, relative or absolute (both are valid Locations): its id and version. */
const LOCATION = /(?:^|\/)[A-Z][A-Za-z]+\/([A-Za-z0-9.-]{1,64})(?:\/_history\/([A-Za-z0-9.-]{1,64}))?\/?$/;

/** The EHR's id and version for a transaction-response entry, from its resource or its Location. */
export function remoteIdentity(entry: BundleEntry | undefined): { remoteId: string | null; remoteVersion: string | null } {
  const resource = entry?.resource;
  const [, id, version] = LOCATION.exec(entry?.response?.location ?? '') ?? [];
  const etagVersion = /W\/"([^"]+)"/.exec(entry?.response?.etag ?? '')?.[1];
  return {
    remoteId: resource?.id ?? id ?? null,
    remoteVersion: resource?.meta?.versionId ?? version ?? etagVersion ?? null,
  };
}
