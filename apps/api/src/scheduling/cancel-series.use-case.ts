import { AppointmentEntity, SeriesEntity } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import { assertCurrent } from '../http/if-match';
import { followTreatment } from '../referrals/referral-projection';
import { projectAppointments } from './appointment-book';
import { toSeriesView, type SeriesView } from './appointment-view';

/**
 * A clinician stops a series, saying why: the series and every infusion still booked (even one whose time
 * has passed) are cancelled, with the reason, in one transaction; infusions given or missed stay as they are.
 */
@Injectable()
export class CancelSeriesUseCase {
  constructor(private readonly changes: AuditedChange) {}

  cancel(id: string, reason: string, expectedVersion: number): Promise<SeriesView> {
    return this.changes.run(async (tx) => {
      const series = await tx.getRepository(SeriesEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!series) throw new DomainError(ErrorCode.NotFound, 'No series has this id');
      assertCurrent('series', series.version, expectedVersion);
      if (series.status !== 'booked') throw new DomainError(ErrorCode.BusinessRule, `The series is ${series.status}: only a booked series can be cancelled`);
      const all = await cancelSeriesIn(tx, series, reason);
      await followTreatment(tx, series.referralId);
      return toSeriesView(await tx.getRepository(SeriesEntity).findOneByOrFail({ id }), all);
    });
  }
}

/**
 * Cancels a booked series and every infusion of it still booked (even one whose time has passed: a late
 * patient of a cancelled series is not infused), with the reason; answers all its appointments.
 */
export async function cancelSeriesIn(tx: EntityManager, series: SeriesEntity, reason: string): Promise<AppointmentEntity[]> {
  await tx.getRepository(SeriesEntity).save(Object.assign(series, { status: 'cancelled' as const, cancelReason: reason }));
  await cancelBooked(tx, { seriesId: series.id }, reason);
  return tx.getRepository(AppointmentEntity).find({ where: { seriesId: series.id }, order: { startsAt: 'ASC', id: 'ASC' } });
}

/**
 * A declined referral is not treated: its booked series are cancelled with the decision's reason, and so are
 * the boosters booked on it.
 */
export async function cancelTreatmentOfReferral(tx: EntityManager, referralId: string, reason: string): Promise<void> {
  const why = `Referral declined: ${reason}`.slice(0, 500);
  const booked = await tx.getRepository(SeriesEntity).find({ where: { referralId, status: 'booked' }, lock: { mode: 'pessimistic_write' } });
  for (const series of booked) await cancelSeriesIn(tx, series, why);
  await cancelBooked(tx, { referralId, kind: 'booster' }, why);
}

/** Cancels, with the reason, the appointments still booked that `where` picks, with their Appointment projection. */
async function cancelBooked(tx: EntityManager, where: FindOptionsWhere<AppointmentEntity>, reason: string): Promise<void> {
  const appointments = tx.getRepository(AppointmentEntity);
  const booked = await appointments.find({ where: { ...where, status: 'booked' }, lock: { mode: 'pessimistic_write' } });
  await appointments.save(booked.map((a) => Object.assign(a, { status: 'cancelled' as const, cancelReason: reason })));
  await projectAppointments(tx, booked);
}
