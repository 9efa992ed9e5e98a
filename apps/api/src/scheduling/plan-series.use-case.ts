import { describeSource, planSeries, resolveProtocol, SERIES_HORIZON_DAYS, type SeriesPlan } from '@keta/clinical-rules';
import { AppointmentEntity, SeriesEntity, type ClinicSettingsEntity } from '@keta/db';
import type { NewSeries } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import type { Principal } from '../auth/principal';
import { assertPatientExists, assertPatientFree, projectAppointments, saveAppointment } from './appointment-book';
import { toSeriesView, type SeriesView } from './appointment-view';
import { asChairConflict, bookedAtSeriesTime, freeChair } from './chairs';
import { assertBookable, lockClinicCalendar, type ClinicCalendar } from './clinic-calendar';
import { assertConsultationBefore, schedulableReferral } from './schedulable-referral';
import { followTreatment } from '../referrals/referral-projection';

/**
 * A clinician plans an infusion series for an accepted referral and books it: the clinic policy's protocol on
 * the clinic's calendar (opening days, closures, the chairs already taken at that time), one infusion per
 * session, each on a free chair. All of it in one transaction under the calendar lock: if any session cannot
 * get its chair, nothing is booked.
 */
@Injectable()
export class PlanSeriesUseCase {
  constructor(private readonly changes: AuditedChange) {}

  plan(patientId: string, input: NewSeries, clinician: Principal): Promise<SeriesView> {
    return asChairConflict(() => this.changes.run(async (tx) => {
      await assertPatientExists(tx, patientId);
      const calendar = await lockClinicCalendar(tx);
      const referral = await schedulableReferral(tx, patientId, input.referralId);
      if (await tx.getRepository(SeriesEntity).existsBy({ referralId: referral.id, status: 'booked' })) {
        throw new DomainError(ErrorCode.Conflict, 'This referral already has a booked series: cancel it, or reschedule its infusions');
      }
      const plan = await this.planOn(tx, calendar, input);
      const first = plan.sessions[0]!;
      for (const session of plan.sessions) assertBookable(new Date(session.start), calendar.settings);
      if (calendar.policy.rules.referral.consultationBeforeTreatment) await assertConsultationBefore(tx, patientId, new Date(first.start));
      const series = await tx.getRepository(SeriesEntity).save({
        patientId, referralId: referral.id, kind: plan.kind, protocol: plan.protocol, status: 'booked', cancelReason: null, plannedBy: clinician.userId,
        findings: plan.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, source: describeSource(f.source) })),
      });
      const appointments = await this.bookSessions(tx, calendar.settings, series, plan);
      await projectAppointments(tx, appointments);
      await followTreatment(tx, referral.id);
      return toSeriesView(await tx.getRepository(SeriesEntity).findOneByOrFail({ id: series.id }), appointments);
    }));
  }

  /** The planner's series, knowing which chairs are already taken at the series' time on each day. */
  private async planOn(tx: EntityManager, { settings, policy }: ClinicCalendar, input: NewSeries): Promise<SeriesPlan> {
    const { kind, protocol, startDate, startTime } = input;
    const { visitMinutes } = resolveProtocol(policy, kind, protocol);
    const booked = await bookedAtSeriesTime(tx, { startDate, startTime, visitMinutes, timeZone: settings.timeZone, horizonDays: SERIES_HORIZON_DAYS });
    const { timeZone, openingDays, chairs, closures } = settings;
    try {
      return planSeries({ kind, ...(protocol ? { protocol } : {}), startDate, startTime, calendar: { timeZone, openingDays, chairs, closures, booked } }, policy);
    } catch (error) {
      // The request was valid; the clinic's calendar has no room for it.
      if (error instanceof DomainError && error.issues.some((i) => i.field === 'calendar')) {
        throw new DomainError(ErrorCode.BusinessRule, 'The clinic\'s calendar has too few bookable days for this series within 52 weeks of the start date');
      }
      throw error;
    }
  }

  /** One infusion per session on the lowest free chair; saved one by one, so each sees the chairs taken before it. */
  private async bookSessions(tx: EntityManager, settings: ClinicSettingsEntity, series: SeriesEntity, plan: SeriesPlan): Promise<AppointmentEntity[]> {
    const booked: AppointmentEntity[] = [];
    for (const session of plan.sessions) {
      const start = new Date(session.start);
      const end = new Date(session.visitEnd);
      await assertPatientFree(tx, series.patientId, { start, end, date: session.date });
      const chair = await freeChair(tx, start, end, settings.chairs);
      if (chair === null) throw new DomainError(ErrorCode.Conflict, `No chair is free on ${session.date} at the series' time: nothing was booked`);
      booked.push(await saveAppointment(tx, {
        patientId: series.patientId, kind: 'infusion', status: 'booked', startsAt: start, endsAt: end, chair,
        seriesId: series.id, sessionNumber: session.number, referralId: series.referralId, cancelReason: null,
      }));
    }
    return booked;
  }
}
