import { localDate } from '@keta/clinical-rules';
import { CHAIR_KINDS, type NewAppointment } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { AuditedChange } from '../audit/audited-change.service';
import { assertPatientExists, assertPatientFree, projectAppointments, saveAppointment } from './appointment-book';
import { toAppointmentView, type AppointmentView } from './appointment-view';
import { boosterVisit } from './booster-visit';
import { asChairConflict, freeChair } from './chairs';
import { assertBookable, lockClinicCalendar } from './clinic-calendar';

/** How long a visit of each kind booked by hand lasts; a booster's length comes from its series' protocol. */
const MINUTES = { consultation: 60, kap: 50 } as const;

/**
 * The front desk (or a clinician) books a consultation, a KAP session (where the clinic offers them) or a
 * booster: on a day the clinic is open, in the future, when the patient is free; a booster also inside its
 * window and on a free chair.
 */
@Injectable()
export class BookAppointmentUseCase {
  constructor(private readonly changes: AuditedChange) {}

  book(patientId: string, input: NewAppointment): Promise<AppointmentView> {
    return asChairConflict(() => this.changes.run(async (tx) => {
      await assertPatientExists(tx, patientId);
      const { settings, policy } = await lockClinicCalendar(tx);
      const start = new Date(input.start);
      assertBookable(start, settings);
      if (input.kind === 'kap' && !policy.rules.services.kapSessions) {
        throw new DomainError(ErrorCode.BusinessRule, 'The clinic does not offer KAP sessions (its policy\'s services.kapSessions)');
      }
      const visit = input.kind === 'booster' ? await boosterVisit(tx, patientId, start, settings, policy) : { minutes: MINUTES[input.kind], referralId: null };
      const end = new Date(start.getTime() + visit.minutes * 60_000);
      const date = localDate(start, settings.timeZone);
      await assertPatientFree(tx, patientId, { start, end, date });
      const chair = CHAIR_KINDS.has(input.kind) ? await freeChair(tx, start, end, settings.chairs) : null;
      if (CHAIR_KINDS.has(input.kind) && chair === null) throw new DomainError(ErrorCode.Conflict, `No chair is free on ${date} at that time`);
      const row = await saveAppointment(tx, {
        patientId, kind: input.kind, status: 'booked', startsAt: start, endsAt: end, chair, seriesId: null, sessionNumber: null,
        referralId: visit.referralId, cancelReason: null,
      });
      await projectAppointments(tx, [row]);
      return toAppointmentView(row);
    }));
  }
}
