import type { Policy } from '@keta/clinical-rules';
import {
  AdverseEffectEntity, AppointmentEntity, ClinicSettingsEntity, InfusionAdministrationEntity, InfusionEncounterEntity, MeasurementEntity, writeProjection,
  type InfusionStage,
} from '@keta/db';
import type { Measurement } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { toFhirAppointment, toFhirInfusionEncounter, toFhirMeasurement } from '@keta/fhir-mapping';
import type { EntityManager } from 'typeorm';
import { clinicPolicyOf } from '../clinic-settings/clinic-policy';
import { assertCurrent } from '../http/if-match';
import { toMeasurementRecord } from '../referrals/patient-records';
import { toAppointmentRecord } from '../scheduling/appointment-view';
import { toEncounterView, toInfusionEncounterRecord, type EncounterView } from './encounter-view';

/** The clinic's settings and policy: the infusion day follows the clinic's rules, which an admin sets first. */
export async function clinicRules(tx: EntityManager): Promise<{ settings: ClinicSettingsEntity; policy: Policy }> {
  const settings = await tx.getRepository(ClinicSettingsEntity).findOneBy({ id: 1 });
  if (!settings) throw new DomainError(ErrorCode.BusinessRule, 'The clinic has no settings yet: an admin sets them (and the policy) before the first infusion');
  return { settings, policy: clinicPolicyOf(settings) };
}

/** The encounter, locked for this change, at the version the change was made from and at one of the stages it may take. */
export async function lockedEncounter(tx: EntityManager, id: string, expectedVersion: number | null, stages: readonly InfusionStage[]): Promise<InfusionEncounterEntity> {
  const row = await tx.getRepository(InfusionEncounterEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!row) throw new DomainError(ErrorCode.NotFound, 'No infusion encounter has this id');
  if (expectedVersion !== null) assertCurrent('infusion encounter', row.version, expectedVersion);
  if (!stages.includes(row.stage)) throw new DomainError(ErrorCode.Conflict, `The encounter is ${row.stage}: this step is for an encounter that is ${stages.join(' or ')}`);
  return row;
}

/** Saves the encounter, a new one at version 1, a step at the next version, and sends it to the EHRs. */
export async function saveEncounter(tx: EntityManager, row: InfusionEncounterEntity): Promise<InfusionEncounterEntity> {
  const saved = await tx.getRepository(InfusionEncounterEntity).save(Object.assign(row, { version: row.id ? row.version + 1 : 1 }));
  await writeProjection(tx, [toFhirInfusionEncounter(toInfusionEncounterRecord(saved))]);
  return saved;
}

/** Moves the appointment the encounter answers on (checked in, completed) and sends it to the EHRs. */
export async function moveAppointment(tx: EntityManager, appointment: AppointmentEntity, status: AppointmentEntity['status']): Promise<void> {
  const saved = await tx.getRepository(AppointmentEntity).save(Object.assign(appointment, { status }));
  await writeProjection(tx, [toFhirAppointment(toAppointmentRecord(saved))]);
}

/** Readings of the encounter (vitals, pain, weight), each an Observation for the EHRs. */
export async function recordReadings(tx: EntityManager, encounter: InfusionEncounterEntity, readings: Measurement[], effectiveAt: Date): Promise<MeasurementEntity[]> {
  if (!readings.length) return [];
  const rows = await tx.getRepository(MeasurementEntity).save(readings.map((measurement) => ({
    patientId: encounter.patientId, encounterId: encounter.id, measurement, effectiveAt, identifiers: [],
  })));
  await writeProjection(tx, rows.map((row) => toFhirMeasurement(toMeasurementRecord(row))));
  return rows;
}

export async function encounterView(db: EntityManager, row: InfusionEncounterEntity): Promise<EncounterView> {
  const [administration, readings, effects] = await Promise.all([
    db.getRepository(InfusionAdministrationEntity).findOneBy({ encounterId: row.id }),
    db.getRepository(MeasurementEntity).find({ where: { encounterId: row.id }, order: { effectiveAt: 'ASC' } }),
    db.getRepository(AdverseEffectEntity).find({ where: { encounterId: row.id }, order: { occurredAt: 'ASC' } }),
  ]);
  return toEncounterView(row, { administration, readings, effects });
}
