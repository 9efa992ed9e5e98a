import { AppointmentEntity, PatientEntity, writeProjection } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import { toFhirAppointment } from '@keta/fhir-mapping';
import type { EntityManager } from 'typeorm';
import { toAppointmentRecord } from './appointment-view';

/** Writes the Appointment projection (and outbox rows) of appointments saved in the caller's transaction. */
export async function projectAppointments(tx: EntityManager, rows: readonly AppointmentEntity[]): Promise<void> {
  await writeProjection(tx, rows.map((row) => toFhirAppointment(toAppointmentRecord(row))));
}

/** Saves one appointment, new or changed, and answers it as stored (id, version, timestamps). */
export async function saveAppointment(tx: EntityManager, appointment: Partial<AppointmentEntity>): Promise<AppointmentEntity> {
  const repository = tx.getRepository(AppointmentEntity);
  const saved = await repository.save(repository.create(appointment));
  return repository.findOneByOrFail({ id: saved.id });
}

/** A patient is in one place at a time: no two of their visits overlap. `date` names the clinic day in the refusal. */
export async function assertPatientFree(tx: EntityManager, patientId: string, visit: { start: Date; end: Date; date: string }, except: string | null = null): Promise<void> {
  const { start, end, date } = visit;
  const [clash] = (await tx.query(
    `SELECT 1 FROM appointment WHERE patient_id = $1 AND status IN ('booked', 'checked-in')
        AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) AND id IS DISTINCT FROM $4 LIMIT 1`,
    [patientId, start, end, except],
  )) as unknown[];
  if (clash) throw new DomainError(ErrorCode.Conflict, `The patient has another appointment at that time on ${date}`);
}

export async function assertPatientExists(db: EntityManager, id: string): Promise<void> {
  if (!(await db.getRepository(PatientEntity).existsBy({ id }))) throw new DomainError(ErrorCode.NotFound, 'No patient has this id');
}
