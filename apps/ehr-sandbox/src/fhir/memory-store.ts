import type { MemoryRepository } from '@medplum/fhir-router';
import type { Resource } from '@medplum/fhirtypes';

/**
 * The two maps in which MemoryRepository (4.5.2) keeps its data. They are private in its types, but
 * rolling a transaction back means putting entries back into them, so the sandbox reaches in here, and
 * only here. Checked at construction so that a Medplum upgrade that moves them fails loudly.
 */
export interface MemoryStore {
  /** resourceType → id → current version */
  readonly resources: Map<string, Map<string, Resource>>;
  /** resourceType → id → every version, oldest first */
  readonly history: Map<string, Map<string, Resource[]>>;
}

export function memoryStoreOf(repo: MemoryRepository): MemoryStore {
  const store = repo as unknown as Partial<MemoryStore>;
  if (!(store.resources instanceof Map) || !(store.history instanceof Map)) {
    throw new Error('MemoryRepository no longer keeps its data in resources and history maps');
  }
  return store as MemoryStore;
}
