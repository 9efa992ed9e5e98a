import { dischargeReadiness } from '@keta/clinical-rules';
import { AppointmentEntity } from '@keta/db';
import type { DischargeRequest, Measurement } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import type { EncounterView } from './encounter-view';
import { clinicRules, encounterView, lockedEncounter, moveAppointment, recordReadings, saveEncounter } from './encounter-store';

export interface Discharged {
  encounter: EncounterView;
  /** What the patient is told on leaving. */
  instructions: string[];
}

/**
 * Lets a recovered patient go: the clinic's discharge criteria (recovery time, vitals back near the check-in
 * baseline, someone to take them home) must all hold, else the refusal says what is missing and nothing is
 * written. Discharge completes the appointment, and the series once its last infusion is done.
 */
@Injectable()
export class DischargeUseCase {
  constructor(private readonly changes: AuditedChange) {}

  execute(encounterId: string, input: DischargeRequest, expectedVersion: number): Promise<Discharged> {
    return this.changes.run(async (tx) => {
      const encounter = await lockedEncounter(tx, encounterId, expectedVersion, ['recovery']);
      const { policy } = await clinicRules(tx);
      const now = new Date();
      const readiness = dischargeReadiness({
        infusionEndedAt: encounter.infusionEndedAt!.toISOString(), now: now.toISOString(), baseline: encounter.baselineVitals, current: input.vitals,
        responsibleAdultPresent: input.responsibleAdultPresent,
      }, policy);
      if (!readiness.ready) {
        const issues = readiness.findings.filter((f) => f.severity === 'block').map((f) => ({ field: 'discharge', message: `${f.code}: ${f.message}` }));
        throw new DomainError(ErrorCode.BusinessRule, 'Not ready for discharge yet', issues);
      }
      await recordReadings(tx, encounter, dischargeReadings(input), now);
      const findings = readiness.findings.map(({ code, severity, message }) => ({ code, severity, message }));
      const saved = await saveEncounter(tx, Object.assign(encounter, { stage: 'discharged' as const, dischargedAt: now, dischargeFindings: findings }));
      const appointment = await tx.getRepository(AppointmentEntity).findOneByOrFail({ id: encounter.appointmentId });
      await moveAppointment(tx, appointment, 'completed');
      if (appointment.seriesId) await completeSeriesIfDone(tx, appointment.seriesId);
      return { encounter: await encounterView(tx, saved), instructions: readiness.instructions };
    });
  }
}

/** A series is done when none of its infusions is still to come or under way. */
async function completeSeriesIfDone(tx: EntityManager, seriesId: string): Promise<void> {
  await tx.query(
    `UPDATE series SET status = 'completed', version = version + 1, updated_at = now()
      WHERE id = $1 AND status = 'booked'
        AND NOT EXISTS (SELECT 1 FROM appointment WHERE series_id = $1 AND status IN ('booked', 'checked-in'))`,
    [seriesId],
  );
}

function dischargeReadings({ vitals, painScore }: DischargeRequest): Measurement[] {
  return [
    { kind: 'blood-pressure', systolic: vitals.systolic, diastolic: vitals.diastolic },
    { kind: 'heart-rate', perMinute: vitals.heartRate },
    ...(painScore !== undefined ? [{ kind: 'pain' as const, score: painScore }] : []),
  ];
}
