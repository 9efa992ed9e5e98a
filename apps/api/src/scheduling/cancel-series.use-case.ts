import { AppointmentEntity, SeriesEntity } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { AuditedChange } from '../audit/audited-change.service';
import { assertCurrent } from '../http/if-match';
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
      await tx.getRepository(SeriesEntity).save(Object.assign(series, { status: 'cancelled' as const, cancelReason: reason }));
      const appointments = tx.getRepository(AppointmentEntity);
      // Every booked one, also one whose time has passed: a late patient of a cancelled series is not infused.
      const toCome = await appointments.find({ where: { seriesId: id, status: 'booked' }, lock: { mode: 'pessimistic_write' } });
      await appointments.save(toCome.map((a) => Object.assign(a, { status: 'cancelled' as const, cancelReason: reason })));
      const all = await appointments.find({ where: { seriesId: id }, order: { startsAt: 'ASC', id: 'ASC' } });
      const cancelled = new Set(toCome.map((a) => a.id));
      await projectAppointments(tx, all.filter((a) => cancelled.has(a.id)));
      return toSeriesView(await tx.getRepository(SeriesEntity).findOneByOrFail({ id }), all);
    });
  }
}
