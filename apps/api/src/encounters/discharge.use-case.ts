import { dischargeReadiness } from '@keta/clinical-rules';
import { AppointmentEntity } from '@keta/db';
import type { DischargeRequest, Measurement } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { AuditedChange } from '../audit/audited-change.service';
import { followTreatment } from '../referrals/referral-projection';
import { completeSeriesIfDone } from '../scheduling/series-completion';
import type { EncounterView } from './encounter-view';
import { assertPainScored } from './pain-score';
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
      await assertPainScored(tx, encounter.referralId, input.painScore, 'at discharge');
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
      if (appointment.referralId) await followTreatment(tx, appointment.referralId);
      return { encounter: await encounterView(tx, saved), instructions: readiness.instructions };
    });
  }
}

function dischargeReadings({ vitals, painScore }: DischargeRequest): Measurement[] {
  return [
    { kind: 'blood-pressure', systolic: vitals.systolic, diastolic: vitals.diastolic },
    { kind: 'heart-rate', perMinute: vitals.heartRate },
    ...(vitals.spo2 !== undefined ? [{ kind: 'oxygen-saturation' as const, percent: vitals.spo2 }] : []),
    ...(vitals.respiratoryRate !== undefined ? [{ kind: 'respiratory-rate' as const, perMinute: vitals.respiratoryRate }] : []),
    ...(painScore !== undefined ? [{ kind: 'pain' as const, score: painScore }] : []),
  ];
}

/**
 * A checked-in patient sent home without an infusion (blood pressure that will not settle, a change of mind):
 * the encounter ends not infused, with the reason, and the appointment is cancelled with it.
 */
@Injectable()
export class NotInfusedUseCase {
  constructor(private readonly changes: AuditedChange) {}

  execute(encounterId: string, reason: string, expectedVersion: number): Promise<EncounterView> {
    return this.changes.run(async (tx) => {
      const encounter = await lockedEncounter(tx, encounterId, expectedVersion, ['checked-in']);
      const saved = await saveEncounter(tx, Object.assign(encounter, { stage: 'not-infused' as const, notInfusedReason: reason }));
      const appointment = await tx.getRepository(AppointmentEntity).findOneByOrFail({ id: encounter.appointmentId });
      await moveAppointment(tx, Object.assign(appointment, { cancelReason: `Not infused: ${reason}`.slice(0, 500) }), 'cancelled');
      if (appointment.seriesId) await completeSeriesIfDone(tx, appointment.seriesId);
      return encounterView(tx, saved);
    });
  }
}
