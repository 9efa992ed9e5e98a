import { localDate } from '@keta/clinical-rules';
import { AppointmentEntity, InfusionEncounterEntity } from '@keta/db';
import { CHAIR_KINDS, type CheckIn, type Measurement } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditContext } from '../audit/audit-context';
import { AuditedChange } from '../audit/audited-change.service';
import { AuditTrail } from '../audit/audit-trail.service';
import type { Principal } from '../auth/principal';
import { assertStillTreatable } from '../scheduling/schedulable-referral';
import { assertMayCheckIn, runDayOfChecklist } from './day-of-gate';
import { assertPainScored } from './pain-score';
import type { EncounterView } from './encounter-view';
import { clinicRules, encounterView, moveAppointment, recordReadings, saveEncounter } from './encounter-store';

/**
 * Checks a patient in for an infusion: the day-of checklist is the gate. A go opens the encounter; a no-go
 * is refused with its findings, unless a clinician overrides it with a reason, which is kept with the
 * encounter and audited as an override of its own.
 */
@Injectable()
export class CheckInUseCase {
  constructor(
    private readonly changes: AuditedChange,
    private readonly trail: AuditTrail,
  ) {}

  execute(appointmentId: string, input: CheckIn, by: Principal): Promise<EncounterView | CheckedIn> {
    return this.changes.run(async (tx) => {
      const appointment = await this.bookedToday(tx, appointmentId);
      await assertStillTreatable(tx, appointment);
      await assertPainScored(tx, appointment.referralId, input.painScore, 'on arrival');
      const { settings, policy } = await clinicRules(tx);
      // The infusion starts now if the patient is late: fasting and consent are judged at the real start.
      const infusionStart = new Date(Math.max(appointment.startsAt.getTime(), Date.now()));
      const result = await runDayOfChecklist(tx, appointment.patientId, infusionStart, input, settings.timeZone, policy);
      assertMayCheckIn(result, input.override, by.role);
      const overridden = !result.go && input.override;
      const encounter = await saveEncounter(tx, tx.getRepository(InfusionEncounterEntity).create({
        patientId: appointment.patientId, appointmentId, referralId: appointment.referralId, stage: 'checked-in', checkedInAt: new Date(), checkedInBy: by.userId,
        dayOfFindings: result.findings.map(({ code, severity, message }) => ({ code, severity, message })),
        overrideReason: overridden ? input.override!.reason : null, overriddenBy: overridden ? by.userId : null, baselineVitals: input.vitals,
      }));
      await moveAppointment(tx, appointment, 'checked-in');
      await recordReadings(tx, encounter, arrivalReadings(input), encounter.checkedInAt);
      if (overridden) await this.auditOverride(tx, encounter.id);
      return by.role === 'clinician' ? encounterView(tx, encounter) : checkedInView(encounter);
    });
  }

  /** An infusion or booster booked for today, in the clinic's days, not yet checked in. */
  private async bookedToday(tx: EntityManager, id: string): Promise<AppointmentEntity> {
    const appointment = await tx.getRepository(AppointmentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!appointment) throw new DomainError(ErrorCode.NotFound, 'No appointment has this id');
    if (!CHAIR_KINDS.has(appointment.kind)) throw new DomainError(ErrorCode.BusinessRule, `A ${appointment.kind} appointment is not an infusion: nothing to check in for`);
    if (appointment.status !== 'booked') throw new DomainError(ErrorCode.Conflict, `The appointment is ${appointment.status}: only a booked appointment is checked in`);
    const { settings } = await clinicRules(tx);
    if (localDate(appointment.startsAt, settings.timeZone) !== localDate(new Date(), settings.timeZone)) {
      throw new DomainError(ErrorCode.BusinessRule, 'The appointment is not today: a patient is checked in on the day of the infusion');
    }
    return appointment;
  }

  /** The override gets an audit row of its own: who let a no-go start, and on which encounter (the reason stays with the encounter). */
  private async auditOverride(tx: EntityManager, encounterId: string): Promise<void> {
    const context = auditContext.getStore();
    if (context) await this.trail.recordIn(tx, context.req, { action: 'update', resourceType: 'day-of-override', resourceId: encounterId, outcome: 'success' });
  }
}

/** What the front desk sees of a check-in: that it went ahead, and the finding codes; no vitals, no medication names. */
export interface CheckedIn {
  id: string;
  appointmentId: string;
  stage: 'checked-in';
  checkedInAt: string;
  dayOf: { findings: Array<{ code: string; severity: string }>; overridden: boolean };
  version: number;
}

function checkedInView(row: InfusionEncounterEntity): CheckedIn {
  return {
    id: row.id, appointmentId: row.appointmentId, stage: 'checked-in', checkedInAt: row.checkedInAt.toISOString(),
    dayOf: { findings: row.dayOfFindings.map(({ code, severity }) => ({ code, severity })), overridden: row.overrideReason !== null },
    version: row.version,
  };
}

function arrivalReadings({ vitals, painScore }: CheckIn): Measurement[] {
  return [
    { kind: 'blood-pressure', systolic: vitals.systolic, diastolic: vitals.diastolic },
    { kind: 'heart-rate', perMinute: vitals.heartRate },
    ...(vitals.spo2 !== undefined ? [{ kind: 'oxygen-saturation' as const, percent: vitals.spo2 }] : []),
    ...(vitals.respiratoryRate !== undefined ? [{ kind: 'respiratory-rate' as const, perMinute: vitals.respiratoryRate }] : []),
    ...(painScore !== undefined ? [{ kind: 'pain' as const, score: painScore }] : []),
  ];
}
