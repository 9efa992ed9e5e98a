import { readPatientProjection, type EhrConnectionEntity, type RecordKey } from '@keta/db';
import { asConnectionReceives, referencesOf, typeAsReceived } from '@keta/fhir-mapping';
import type { EntityManager } from 'typeorm';

/**
 * The records that reference a missing record. Sending the missing one again makes the EHR create it under a
 * new id, so what points at the old id is stale even where it otherwise matches: those go again too, and the
 * sync writes the new id into them (the re-created record goes first, in the same Bundle or one before).
 * One level is enough: a record that is only updated keeps its id. References are compared as the connection
 * receives them (its home-medication type).
 */
export async function referencesToRecreated(
  db: EntityManager,
  format: EhrConnectionEntity['homeMedicationFormat'],
  missing: ReadonlyArray<RecordKey & { patientId: string }>,
): Promise<RecordKey[]> {
  const gone = new Set(missing.map((m) => `${typeAsReceived(m.resourceType, format)}/${m.resourceId}`));
  const patients = [...new Set(missing.map((m) => m.patientId))];
  const referencing: RecordKey[] = [];
  for (const patientId of patients) {
    for (const record of await readPatientProjection(db, patientId)) {
      if (gone.has(`${typeAsReceived(record.resourceType, format)}/${record.id}`)) continue;
      const references = referencesOf(asConnectionReceives(record.resource, format));
      if (references.some((ref) => gone.has(ref))) referencing.push({ resourceType: record.resourceType, resourceId: record.id });
    }
  }
  return referencing;
}
