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
 * transaction: a record, its projection and its trip to the EHRs commit together or not at all. One statement
 * whatever the number of records (a screened referral has a dozen): each statement is a round trip, and round
 * trips were most of intake's cost (docs/PERFORMANCE.md). The resource keeps its own meta (security labels:
 * the sync withholds Part 2 records by them); the projection sets versionId and lastUpdated.
 */
export async function writeProjection(tx: EntityManager, items: readonly ProjectedResource[]): Promise<StoredResource[]> {
  if (items.length === 0) return [];
  const key = (resourceType: string, id: string) => `${resourceType}/${id}`;
  // One row per resource: a statement may not upsert a row twice, and the last write of a record is its state.
  const latest = new Map(items.map((item) => [key(item.resource.resourceType, item.resource.id), item]));
  const input = [...latest.values()].map((item) => ({
    resource_type: item.resource.resourceType, id: item.resource.id, patient_id: item.patientId, identifiers: identifierKeys(item.resource),
    sync_identifier: syncKey(item.syncIdentifier), status: item.status, resource: item.resource,
  }));
  const rows = (await tx.query(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS x(resource_type text, id uuid, patient_id uuid, identifiers text[], sync_identifier text, status text, resource jsonb)
     ), upserted AS (
       INSERT INTO fhir_resource AS r (resource_type, id, version, patient_id, identifiers, sync_identifier, status, last_updated, resource)
       SELECT resource_type, id, 1, patient_id, identifiers, sync_identifier, status, now(), ${withMeta('resource', "'1'")} FROM input
       ON CONFLICT (resource_type, id) DO UPDATE SET
         version = r.version + 1, patient_id = EXCLUDED.patient_id, identifiers = EXCLUDED.identifiers,
         sync_identifier = EXCLUDED.sync_identifier, status = EXCLUDED.status, last_updated = now(),
         resource = ${withMeta('EXCLUDED.resource', '(r.version + 1)::text')}
       RETURNING r.resource_type, r.id, r.version, r.patient_id, r.resource
     ), queued AS (
       INSERT INTO outbox (patient_id, resource_type, resource_id, version) SELECT patient_id, resource_type, id, version FROM upserted
     )
     SELECT resource_type, id, version, resource FROM upserted`,
    [JSON.stringify(input)],
  )) as Array<{ resource_type: string; id: string; version: number; resource: Resource & { id: string } }>;
  const written = new Map(rows.map((row) => [key(row.resource_type, row.id), row]));
  return items.map((item) => {
    const row = written.get(key(item.resource.resourceType, item.resource.id));
    if (!row) throw new Error('fhir_resource upsert returned no row');
    return { resourceType: row.resource_type, id: row.id, version: row.version, patientId: item.patientId, syncIdentifier: item.syncIdentifier, resource: row.resource };
  });
}

/** The resource with its meta kept and the projection's versionId and lastUpdated set (SQL). */
function withMeta(resource: string, versionId: string): string {
  return `${resource} || jsonb_build_object('meta', coalesce(${resource}->'meta', '{}'::jsonb) || jsonb_build_object('versionId', ${versionId}, 'lastUpdated', now()))`;
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

/** A record's sync identifier as the projection indexes it (`system|value`). */
export function parseSyncKey(key: string): SyncIdentifier {
  const at = key.lastIndexOf('|');
  return { system: key.slice(0, at), value: key.slice(at + 1) };
}
