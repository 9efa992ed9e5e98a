import type { Resource } from '@medplum/fhirtypes';
import type { SyncIdentifier } from './identifier-systems';

/** A mapped resource with what the projection indexes it by. */
export interface ProjectedResource<T extends Resource = Resource> {
  resource: T & { id: string };
  patientId: string;
  syncIdentifier: SyncIdentifier;
  status: string | null;
}
