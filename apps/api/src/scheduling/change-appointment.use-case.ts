import { localDate } from '@keta/clinical-rules';
import { AppointmentEntity } from '@keta/db';
import { CHAIR_KINDS } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import { assertCurrent } from '../http/if-match';
import { assertPatientFree, projectAppointments, saveAppointment } from './appointment-book';
import { toAppointmentView, type AppointmentView } from './appointment-view';
import { boosterVisit } from './booster-visit';
import { asChairConflict, freeChair } from './chairs';
import { assertBookable, lockClinicCalendar } from './clinic-calendar';
import { assertStillTreatable } from './schedulable-referral';
import { completeSeriesIfDone } from './series-completion';

/**
 * Changes to a booked appointment, each from the version read (If-Match): move it (same length, a free chair
 * at the new time for an infusion), cancel it with a reason, mark a no-show once its time has come, or mark a
 * consultation or KAP session held. Each commits with its Appointment projection.
 */
@Injectable()
export class ChangeAppointmentUseCase {
  constructor(private readonly changes: AuditedChange) {}

  reschedule(id: string, start: Date, expectedVersion: number): Promise<AppointmentView> {
    return asChairConflict(() => this.change(id, expectedVersion, async (tx, row) => {
      // The calendar lock first, as every booking takes it: one order of locks, no deadlock.
      const { settings, policy } = await lockClinicCalendar(tx);
      assertBookable(start, settings);
      await assertStillTreatable(tx, row);
      if (row.kind === 'booster') await boosterVisit(tx, row.patientId, start, settings, policy);
      const end = new Date(start.getTime() + (row.endsAt.getTime() - row.startsAt.getTime()));
      const date = localDate(start, settings.timeZone);
      await assertPatientFree(tx, row.patientId, { start, end, date }, row.id);
      const chair = CHAIR_KINDS.has(row.kind) ? await freeChair(tx, start, end, settings.chairs, row.id) : null;
      if (CHAIR_KINDS.has(row.kind) && chair === null) throw new DomainError(ErrorCode.Conflict, `No chair is free on ${date} at that time`);
      return { startsAt: start, endsAt: end, chair };
    }));
  }

  cancel(id: string, reason: string, expectedVersion: number): Promise<AppointmentView> {
    return this.change(id, expectedVersion, async () => ({ status: 'cancelled', cancelReason: reason }));
  }

  noShow(id: string, expectedVersion: number): Promise<AppointmentView> {
    return this.change(id, expectedVersion, async (_tx, row) => {
      if (row.startsAt.getTime() > Date.now()) throw new DomainError(ErrorCode.BusinessRule, 'A no-show is marked once the appointment\'s time has come');
      return { status: 'no-show' };
    });
  }

  /** A consultation or KAP session took place (an infusion or booster is checked in instead), once its time has come. */
  held(id: string, expectedVersion: number): Promise<AppointmentView> {
    return this.change(id, expectedVersion, async (_tx, row) => {
      if (CHAIR_KINDS.has(row.kind)) throw new DomainError(ErrorCode.BusinessRule, 'Infusions and boosters are checked in at the chair, not marked held');
      if (row.startsAt.getTime() > Date.now()) throw new DomainError(ErrorCode.BusinessRule, 'A visit is marked held once its time has come');
      return { status: 'completed' };
    });
  }

  private change(id: string, expectedVersion: number, apply: (tx: EntityManager, row: AppointmentEntity) => Promise<Partial<AppointmentEntity>>): Promise<AppointmentView> {
    return this.changes.run(async (tx) => {
      const row = await tx.getRepository(AppointmentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new DomainError(ErrorCode.NotFound, 'No appointment has this id');
      assertCurrent('appointment', row.version, expectedVersion);
      if (row.status !== 'booked') throw new DomainError(ErrorCode.BusinessRule, `The appointment is ${row.status}: only a booked appointment can be changed`);
      const saved = await saveAppointment(tx, Object.assign(row, await apply(tx, row)));
      await projectAppointments(tx, [saved]);
      if (saved.seriesId && saved.status !== 'booked') await completeSeriesIfDone(tx, saved.seriesId);
      return toAppointmentView(saved);
    });
  }
}
