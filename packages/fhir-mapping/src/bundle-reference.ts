import type { BundleEntry, Reference, Resource } from '@medplum/fhirtypes';

/** The entry a reference points at inside a Bundle, by fullUrl (urn:uuid:…) or by Type/id; -1 if none. */
export function indexOfReference(entries: readonly BundleEntry[], reference: Reference | undefined): number {
  const target = reference?.reference;
  return target ? entries.findIndex((e) => e.fullUrl === target || (e.resource && `${e.resource.resourceType}/${e.resource.id}` === target)) : -1;
}

/** The resource a reference points at inside a Bundle, if it is of the type expected. */
export function resolveReference<T extends Resource>(entries: readonly BundleEntry[], reference: Reference | undefined, type: T['resourceType']): T | undefined {
  const found = entries[indexOfReference(entries, reference)];
  return found?.resource?.resourceType === type ? (found.resource as T) : undefined;
}

/** What keys an inbound resource for idempotency: its first identifier (system|value), else its fullUrl. */
export function inboundKey(entry: BundleEntry): string | undefined {
  const identifier = (entry.resource as { identifier?: Array<{ system?: string; value?: string }> } | undefined)?.identifier?.find((i) => i.value);
  return identifier ? `${identifier.system ?? ''}|${identifier.value}` : entry.fullUrl;
}
