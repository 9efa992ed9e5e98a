import type { Bundle } from '@medplum/fhirtypes';

/** What the EHR holds under a record's identifier: each match's id and version. */
export interface FoundResource {
  id: string;
  versionId: string | null;
}

/** How a record the ledger says the EHR holds compares with what the EHR answers. */
export type Verdict = 'matching' | 'altered' | 'missing';

/**
 * Compares one ledger row with what an identifier search found. Missing: nothing holds the identifier, or
 * only resources other than the one the ledger knows (ours was deleted, another made in its place). Altered:
 * ours is there at a version the EHR did not answer when we last sent it. A ledger without the EHR's
 * version cannot tell an edit apart, so it counts as matching rather than being sent again every run.
 */
export function compareWithEhr(held: { remoteId: string; remoteVersion: string | null }, found: readonly FoundResource[]): Verdict {
  const ours = found.find((f) => f.id === held.remoteId);
  if (!ours) return 'missing';
  if (held.remoteVersion !== null && ours.versionId !== held.remoteVersion) return 'altered';
  return 'matching';
}

/** The matches of a searchset (included resources and outcomes are not matches), as id and version. */
export function foundIn(searchset: Bundle, resourceType: string): FoundResource[] {
  return (searchset.entry ?? []).flatMap((entry) => {
    const resource = entry.resource;
    if (!resource?.id || resource.resourceType !== resourceType || (entry.search?.mode && entry.search.mode !== 'match')) return [];
    return [{ id: resource.id, versionId: resource.meta?.versionId ?? null }];
  });
}
