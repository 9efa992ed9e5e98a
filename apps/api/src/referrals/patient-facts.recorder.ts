import { ConditionEntity, HomeMedicationEntity, MeasurementEntity, writeProjection } from '@keta/db';
import { findIndication, type NewHomeMedication } from '@keta/domain';
import {
  toFhirCondition, toFhirMeasurement, toFhirMedicationStatement, toFhirReferralLetter, type InboundItem, type InboundReferral, type ProjectedResource,
} from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DocumentStore } from '../documents/document-store.service';
import { toConditionRecord, toHomeMedicationRecord, toMeasurementRecord } from './patient-records';

/** What an inbound Bundle says about a referral's patient, and who sent it. */
export type ReceivedFacts = Pick<InboundReferral, 'conditions' | 'medications' | 'measurements' | 'letter'> & {
  source: string;
  /** Records an If-None-Exist found, by entry: kept as they are, not created again. */
  existing?: ReadonlyMap<number, string>;
};

type RecordType = 'condition' | 'home-medication' | 'measurement' | 'referral-letter';
const FHIR_TYPE: Record<RecordType, string> = {
  condition: 'Condition', 'home-medication': 'MedicationStatement', measurement: 'Observation', 'referral-letter': 'DocumentReference',
};

interface Referred {
  patientId: string;
  referralId: string;
  submittedBy: string | null;
}

/**
 * Keeps what a referral says about its patient as clinic records with their FHIR projection. Each inbound
 * record is keyed by (source, its identifier or fullUrl): sent again, it updates the record it made.
 */
@Injectable()
export class PatientFactsRecorder {
  constructor(private readonly documents: DocumentStore) {}

  /** The condition the patient is referred for, unless the patient's record already holds it: answers its projection, for the caller to write with the rest. */
  async recordIndication(tx: EntityManager, patientId: string, indication: { system: string; code: string }): Promise<ProjectedResource[]> {
    const [known] = (await tx.query(
      `SELECT 1 FROM condition WHERE patient_id = $1 AND codings @> jsonb_build_array(jsonb_build_object('system', $2::text, 'code', $3::text))`,
      [patientId, indication.system, indication.code],
    )) as unknown[];
    if (known) return [];
    const display = findIndication(indication.system, indication.code)?.display;
    const row = await tx.getRepository(ConditionEntity).save({
      patientId, codings: [{ ...indication, ...(display ? { display } : {}) }], text: display ?? null, clinicalStatus: 'active', onset: null, part2: false, identifiers: [],
    });
    return [toFhirCondition(toConditionRecord(row))];
  }

  /**
   * The medications a referrer lists, as the patient's current medications, but those the record already holds
   * as taken (the same RxNorm code, or the same name): answers their projection, for the caller to write.
   */
  async recordListed(tx: EntityManager, patientId: string, listed: readonly NewHomeMedication[]): Promise<ProjectedResource[]> {
    if (!listed.length) return [];
    const taken = (await tx.query(
      `SELECT rxnorm, lower(name) AS name FROM home_medication WHERE patient_id = $1 AND status IN ('active', 'on-hold')`, [patientId],
    )) as Array<{ rxnorm: string | null; name: string }>;
    const known = (m: NewHomeMedication) => taken.some((t) => (m.rxnorm && t.rxnorm === m.rxnorm) || (m.name && t.name === m.name.toLowerCase()));
    const fresh = listed.filter((m) => !known(m)).map((m) => ({
      patientId, rxnorm: m.rxnorm ?? null, name: m.name ?? `RxNorm ${m.rxnorm}`, status: 'active' as const, dosage: m.dosage ?? null, identifiers: [],
    }));
    if (!fresh.length) return [];
    const rows = await tx.getRepository(HomeMedicationEntity).save(fresh);
    return rows.map((row) => toFhirMedicationStatement(toHomeMedicationRecord(row)));
  }

  async recordReceived(tx: EntityManager, referred: Referred, facts: ReceivedFacts): Promise<void> {
    const { patientId } = referred;
    for (const item of facts.conditions) {
      const { code, clinicalStatus, onset, part2, identifiers } = item.read;
      const row = await this.upsert(tx, facts, item, 'condition', ConditionEntity, {
        patientId, codings: code.codings, text: code.text ?? null, clinicalStatus, onset: onset ?? null, part2: part2 ?? false, identifiers: identifiers ?? [],
      });
      if (row) await writeProjection(tx, [toFhirCondition(toConditionRecord(row))]);
    }
    for (const item of facts.medications) {
      const { rxnorm, name, status, dosage, identifiers } = item.read;
      const row = await this.upsert(tx, facts, item, 'home-medication', HomeMedicationEntity, {
        patientId, rxnorm: rxnorm ?? null, name, status, dosage: dosage ?? null, identifiers: identifiers ?? [],
      });
      if (row) await writeProjection(tx, [toFhirMedicationStatement(toHomeMedicationRecord(row))]);
    }
    for (const item of facts.measurements) {
      const { measurement, effectiveAt, identifiers } = item.read;
      const row = await this.upsert(tx, facts, item, 'measurement', MeasurementEntity, {
        patientId, encounterId: null, measurement, effectiveAt: new Date(effectiveAt), identifiers: identifiers ?? [],
      });
      if (row) await writeProjection(tx, [toFhirMeasurement(toMeasurementRecord(row))]);
    }
    if (facts.letter) await this.recordLetter(tx, referred, facts, facts.letter);
  }

  /** Where each received record lives, by its Bundle entry: `<Type>/<id>` of the resource Keta keeps for it. */
  async locate(tx: EntityManager, facts: ReceivedFacts): Promise<Map<number, string>> {
    const items: Array<[InboundItem<unknown>, RecordType]> = [
      ...facts.conditions.map((c): [InboundItem<unknown>, RecordType] => [c, 'condition']),
      ...facts.medications.map((m): [InboundItem<unknown>, RecordType] => [m, 'home-medication']),
      ...facts.measurements.map((m): [InboundItem<unknown>, RecordType] => [m, 'measurement']),
      ...(facts.letter ? [[facts.letter, 'referral-letter'] as [InboundItem<unknown>, RecordType]] : []),
    ];
    const locations = new Map<number, string>();
    for (const [item, type] of items) {
      const id = await this.knownRecord(tx, facts.source, item.key, type);
      if (id) locations.set(item.entry, `${FHIR_TYPE[type]}/${id}`);
    }
    return locations;
  }

  /** A letter is immutable once stored: the same letter sent again is the one already kept. */
  private async recordLetter(tx: EntityManager, { patientId, referralId, submittedBy }: Referred, { source, existing }: ReceivedFacts, letter: NonNullable<ReceivedFacts['letter']>): Promise<void> {
    if (await this.knownRecord(tx, source, letter.key, 'referral-letter')) return;
    const found = existing?.get(letter.entry);
    if (found) return this.remember(tx, source, letter.key, 'referral-letter', found);
    const bytes = Buffer.from(letter.read.data);
    const stored = await this.documents.store({ kind: 'referral-letter', patientId, referralId, contentType: letter.read.contentType, bytes, createdBy: submittedBy }, tx);
    await this.remember(tx, source, letter.key, 'referral-letter', stored.id);
    await writeProjection(tx, [toFhirReferralLetter({ id: stored.id, referralId, patientId, contentType: 'application/pdf', sizeBytes: bytes.length, storedAt: stored.storedAt })]);
  }

  /** The record, created or updated; undefined when an If-None-Exist found it, which leaves it as it is. */
  private async upsert<T extends { id: string }>(
    tx: EntityManager, { source, existing }: ReceivedFacts, item: InboundItem<unknown>, type: RecordType, entity: new () => T, values: Omit<T, 'id' | 'recordedAt' | 'version'>,
  ): Promise<T | undefined> {
    const known = await this.knownRecord(tx, source, item.key, type);
    const found = known ? undefined : existing?.get(item.entry);
    if (found) {
      await this.remember(tx, source, item.key, type, found);
      return undefined;
    }
    const repository = tx.getRepository(entity);
    const row = await repository.save({ ...(values as object), ...(known ? { id: known } : {}) } as T);
    if (!known) await this.remember(tx, source, item.key, type, row.id);
    return repository.findOneByOrFail({ id: row.id } as never);
  }

  private async knownRecord(tx: EntityManager, source: string, key: string, type: RecordType): Promise<string | undefined> {
    const [row] = (await tx.query(`SELECT record_id FROM inbound_record WHERE source = $1 AND key = $2 AND record_type = $3`, [source, key, type])) as Array<{ record_id: string }>;
    return row?.record_id;
  }

  private async remember(tx: EntityManager, source: string, key: string, type: RecordType, recordId: string): Promise<void> {
    await tx.query(`INSERT INTO inbound_record (source, key, record_type, record_id) VALUES ($1, $2, $3, $4)`, [source, key, type, recordId]);
  }
}
