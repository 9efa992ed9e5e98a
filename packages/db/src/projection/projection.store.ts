import type { ProjectedResource, SyncIdentifier } from '@keta/fhir-mapping';
import type { Resource } from '@medplum/fhirtypes';
import type { EntityManager } from 'typeorm';

/** A projected resource as stored: the resource carries meta.versionId = version. */
export interface StoredResource {
  resourceType: string;
  id: string;
  version: number;
  patientId: string;
  syncIdentifier: SyncIdentifier;
  resource: Resource & { id: string };
}

/**
 * Writes the FHIR projection of changed records and one outbox row per resource, in the caller's
 * transaction: a record, its projection and its trip to the EHRs commit together or not at all.
 */
export async function writeProjection(tx: EntityManager, items: readonly ProjectedResource[]): Promise<StoredResource[]> {
  const stored: StoredResource[] = [];
  for (const item of items) {
    const { resourceType, id } = item.resource;
    const [row] = (await tx.query(
      `INSERT INTO fhir_resource AS r (resource_type, id, version, patient_id, identifiers, sync_identifier, status, last_updated, resource)
       VALUES ($1, $2, 1, $3, $4, $5, $6, now(), $7::jsonb || jsonb_build_object('meta', jsonb_build_object('versionId', '1', 'lastUpdated', now())))
       ON CONFLICT (resource_type, id) DO UPDATE SET
         version = r.version + 1, patient_id = EXCLUDED.patient_id, identifiers = EXCLUDED.identifiers,
         sync_identifier = EXCLUDED.sync_identifier, status = EXCLUDED.status, last_updated = now(),
         resource = $7::jsonb || jsonb_build_object('meta', jsonb_build_object('versionId', (r.version + 1)::text, 'lastUpdated', now()))
       RETURNING version, resource`,
      [resourceType, id, item.patientId, identifierKeys(item.resource), syncKey(item.syncIdentifier), item.status, JSON.stringify(item.resource)],
    )) as Array<{ version: number; resource: Resource & { id: string } }>;
    if (!row) throw new Error('fhir_resource upsert returned no row');
    await tx.query(`INSERT INTO outbox (patient_id, resource_type, resource_id, version) VALUES ($1, $2, $3, $4)`, [
      item.patientId, resourceType, id, row.version,
    ]);
    stored.push({ resourceType, id, version: row.version, patientId: item.patientId, syncIdentifier: item.syncIdentifier, resource: row.resource });
  }
  return stored;
}

/** Everything the projection holds for one patient, in a stable order (patient first). */
export async function readPatientProjection(db: EntityManager, patientId: string): Promise<StoredResource[]> {
  const rows = (await db.query(
    `SELECT resource_type, id, version, patient_id, sync_identifier, resource FROM fhir_resource
      WHERE patient_id = $1 ORDER BY resource_type <> 'Patient', resource_type, id`,
    [patientId],
  )) as Array<{ resource_type: string; id: string; version: number; patient_id: string; sync_identifier: string; resource: Resource & { id: string } }>;
  return rows.map((row) => ({
    resourceType: row.resource_type,
    id: row.id,
    version: row.version,
    patientId: row.patient_id,
    syncIdentifier: parseSyncKey(row.sync_identifier),
    resource: row.resource,
  }));
}

/** A few R4 types (QuestionnaireResponse, AdverseEvent) have one identifier rather than a list. */
function identifierKeys(resource: Resource): string[] {
  type Identifier = { system?: string; value?: string };
  const identifier = (resource as { identifier?: Identifier | Identifier[] }).identifier ?? [];
  return (Array.isArray(identifier) ? identifier : [identifier]).filter((i) => i.value).map((i) => `${i.system ?? ''}|${i.value}`);
}

function syncKey({ system, value }: SyncIdentifier): string {
  return `${system}|${value}`;
}

function parseSyncKey(key: string): SyncIdentifier {
  const at = key.lastIndexOf('|');
  return { system: key.slice(0, at), value: key.slice(at + 1) };
}
