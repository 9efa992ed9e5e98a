import { badRequest, deepClone, matchesSearchRequest, notFound, OperationOutcomeError, preconditionFailed } from '@medplum/core';
import type { SearchRequest, WithId } from '@medplum/core';
import { MemoryRepository, type CreateResourceOptions, type UpdateResourceOptions } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from './fhir-definitions';
import { IdentifierIndex } from './identifier.index';
import { memoryStoreOf, type MemoryStore } from './memory-store';
import { searchset } from './searchset';
import { UndoJournal, type Change } from './undo-journal';
import { assertValidForWrite, NO_RULES, type WriteRules } from './write-validation';

/**
 * Medplum's MemoryRepository with what a test EHR needs and it lacks: transactions that roll back, writes
 * that are validated (FHIR, then the EHR's own rules), and identifier search by index. Every write funnels through `write`, which is also
 * where the journal and the index learn of it. There is one journal, so transactions must not interleave:
 * FhirService runs one request at a time.
 */
export class SandboxRepository extends MemoryRepository {
  private readonly store: MemoryStore;
  private readonly identifiers = new IdentifierIndex();
  private journal: UndoJournal | undefined;

  constructor(private readonly rules: WriteRules = NO_RULES) {
    super();
    loadFhirDefinitions();
    this.store = memoryStoreOf(this);
  }

  /** A create gets a server id unless the batch processor assigned one (FHIR: the server ignores a client id). */
  override async createResource<T extends Resource>(resource: T, options?: CreateResourceOptions): Promise<WithId<T>> {
    return this.write(options?.assignedId ? resource : withoutId(resource));
  }

  override async updateResource<T extends Resource>(resource: T, options?: UpdateResourceOptions): Promise<WithId<T>> {
    if (!resource.id) throw new OperationOutcomeError(badRequest('Missing id'));
    const existing = this.current(resource.resourceType, resource.id);
    if (options?.ifMatch && existing?.meta?.versionId !== options.ifMatch) {
      throw new OperationOutcomeError(existing ? preconditionFailed : notFound);
    }
    return this.write(resource);
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    const previous = this.current(resourceType, id);
    await super.deleteResource(resourceType, id);
    this.changed({ resourceType, id, previous, historyLength: this.versions(resourceType, id)?.length ?? 0 }, undefined);
  }

  /** Newest first, like the base, but without its in-place reverse of the stored versions (Medplum 4.5.2). */
  override async readHistory<T extends Resource>(resourceType: string, id: string): Promise<Bundle<T>> {
    await this.readResource(resourceType, id);
    const entry = [...(this.versions(resourceType, id) ?? [])].reverse().map((version) => ({ resource: deepClone(version) as T }));
    return { resourceType: 'Bundle', type: 'history', ...(entry.length > 0 && { entry }) };
  }

  override async search<T extends Resource>(search: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const ids = this.identifiers.candidates(search);
    if (!ids) return super.search(search);
    const matches = ids
      .map((id) => this.current(search.resourceType, id) as WithId<T> | undefined)
      .filter((resource): resource is WithId<T> => !!resource && matchesSearchRequest(resource, search));
    return searchset(matches, search);
  }

  /** The outermost call owns the transaction; nested ones (conditional writes in a Bundle) join it. */
  override async withTransaction<R>(callback: (client: undefined) => Promise<R>): Promise<R> {
    if (this.journal) return callback(undefined);
    const journal = (this.journal = new UndoJournal());
    try {
      return await callback(undefined);
    } catch (error) {
      journal.undo((change) => this.restore(change));
      throw error;
    } finally {
      this.journal = undefined;
    }
  }

  override clear(): void {
    super.clear();
    this.identifiers.clear();
  }

  private async write<T extends Resource>(resource: T): Promise<WithId<T>> {
    const fresh = withoutVersion(resource);
    assertValidForWrite(fresh, this.rules);
    const previous = fresh.id ? this.current(fresh.resourceType, fresh.id) : undefined;
    const historyLength = fresh.id ? (this.versions(fresh.resourceType, fresh.id)?.length ?? 0) : 0;
    const saved = await super.createResource(fresh);
    const change = { resourceType: saved.resourceType, id: saved.id, previous, historyLength };
    this.changed(change, this.current(saved.resourceType, saved.id));
    return saved;
  }

  private changed(change: Change, current: Resource | undefined): void {
    this.journal?.record(change);
    this.identifiers.remove(change.previous);
    this.identifiers.add(current);
  }

  private restore({ resourceType, id, previous, historyLength }: Change): void {
    const resources = this.store.resources.get(resourceType);
    this.identifiers.remove(resources?.get(id));
    if (previous) resources?.set(id, previous);
    else resources?.delete(id);
    this.identifiers.add(previous);
    const versions = this.versions(resourceType, id);
    if (versions) versions.length = historyLength;
    if (historyLength === 0) this.store.history.get(resourceType)?.delete(id);
  }

  private current(resourceType: string, id: string): Resource | undefined {
    return this.store.resources.get(resourceType)?.get(id);
  }

  private versions(resourceType: string, id: string): Resource[] | undefined {
    return this.store.history.get(resourceType)?.get(id);
  }
}

function withoutId<T extends Resource>(resource: T): T {
  const { id: _id, ...rest } = resource;
  return rest as T;
}

/** versionId and lastUpdated are the server's to assign, on create as on update. */
function withoutVersion<T extends Resource>(resource: T): T {
  if (!resource.meta) return resource;
  const { meta: { versionId: _versionId, lastUpdated: _lastUpdated, ...meta }, ...rest } = resource;
  return (Object.keys(meta).length > 0 ? { ...rest, meta } : rest) as T;
}
