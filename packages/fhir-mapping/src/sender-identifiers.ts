import { KETA_IDENTIFIER_PREFIX, type Identifier } from '@keta/domain';
import type { Identifier as FhirIdentifier } from '@medplum/fhirtypes';

/**
 * The identifiers a sender gave a resource, as Keta keeps them beside its own: those with a system and a
 * value, never one in Keta's namespace (a sender cannot claim Keta's ids), each once, at most ten.
 */
export function senderIdentifiers(identifiers: readonly FhirIdentifier[] | undefined): Identifier[] {
  const kept = new Map<string, Identifier>();
  for (const { system, value } of identifiers ?? []) {
    if (system && value?.trim() && !system.startsWith(KETA_IDENTIFIER_PREFIX)) kept.set(`${system}|${value}`, { system, value });
  }
  return [...kept.values()].slice(0, 10);
}

/** The record's field for them: absent when there are none, so a record without them reads back the same. */
export function withSenderIdentifiers(identifiers: readonly FhirIdentifier[] | undefined): { identifiers?: Identifier[] } {
  const kept = senderIdentifiers(identifiers);
  return kept.length ? { identifiers: kept } : {};
}
