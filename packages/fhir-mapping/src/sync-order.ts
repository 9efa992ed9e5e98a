import type { Resource } from '@medplum/fhirtypes';
import type { SyncItem } from './sync-bundle';

/**
 * Medplum's transaction processor (the sandbox's, and Medplum servers') takes at most 8 entries in a
 * transaction with conditional entries (docs/SYNC.md); other EHRs have limits of their own, never lower here.
 * A patient's records go in as many Bundles as it takes, in sync order, shared with other patients' (the
 * worker's packer).
 */
export const MAX_SYNC_BUNDLE_ENTRIES = 8;

/**
 * Every record after the records it references: any prefix can go to the EHR first, and what the rest
 * references it then points at by the EHR's own ids.
 */
export function inSyncOrder<T extends SyncItem>(items: readonly T[]): T[] {
  return [...items].sort(byDepth(items));
}

/** Orders by how deep a record's references go among the items (a Patient 0, a ServiceRequest 1, its Task 2). */
function byDepth(items: readonly SyncItem[]): (a: SyncItem, b: SyncItem) => number {
  const byKey = new Map(items.map((item) => [keyOf(item.resource), item.resource]));
  const depths = new Map<string, number>();
  const depth = (key: string, seen: ReadonlySet<string>): number => {
    const known = depths.get(key);
    if (known !== undefined) return known;
    const resource = byKey.get(key);
    const refs = resource ? referencesOf(resource).filter((ref) => byKey.has(ref) && ref !== key && !seen.has(ref)) : [];
    const d = refs.length ? 1 + Math.max(...refs.map((ref) => depth(ref, new Set([...seen, key])))) : 0;
    depths.set(key, d);
    return d;
  };
  return (a, b) => depth(keyOf(a.resource), new Set()) - depth(keyOf(b.resource), new Set());
}

function keyOf(resource: Resource & { id: string }): string {
  return `${resource.resourceType}/${resource.id}`;
}

/** Every `reference` a resource holds, at any depth (`Type/id`, `urn:uuid:…`, `#contained`). */
export function referencesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'reference' && typeof inner === 'string' ? [inner] : referencesOf(inner)));
}
