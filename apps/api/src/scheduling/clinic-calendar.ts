import { localDate, clinicWeekday, type Policy } from '@keta/clinical-rules';
import { ClinicSettingsEntity } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import type { EntityManager } from 'typeorm';
import { clinicPolicyOf } from '../clinic-settings/clinic-policy';

export interface ClinicCalendar {
  settings: ClinicSettingsEntity;
  policy: Policy;
}

/**
 * The clinic's calendar, locked for the rest of the transaction: every booking takes this lock before it
 * looks for a free chair, so two bookings never both see the same chair free (the exclusion constraint is
 * the backstop). One clinic per deployment, so one row to lock.
 */
export async function lockClinicCalendar(tx: EntityManager): Promise<ClinicCalendar> {
  const settings = await tx.getRepository(ClinicSettingsEntity).findOne({ where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
  if (!settings) throw new DomainError(ErrorCode.BusinessRule, 'The clinic settings have not been set yet: an admin sets them before anything can be booked');
  return { settings, policy: clinicPolicyOf(settings) };
}

/** A visit starts in the future, on a day the clinic is open and not closed. */
export function assertBookable(start: Date, settings: ClinicSettingsEntity, now = new Date()): void {
  const date = localDate(start, settings.timeZone);
  if (start.getTime() <= now.getTime()) throw new DomainError(ErrorCode.BusinessRule, 'An appointment starts in the future');
  if (!settings.openingDays.includes(clinicWeekday(start, settings.timeZone))) {
    throw new DomainError(ErrorCode.BusinessRule, `The clinic is not open on ${date} (a ${clinicWeekday(start, settings.timeZone)})`);
  }
  if (settings.closures.includes(date)) throw new DomainError(ErrorCode.BusinessRule, `The clinic is closed on ${date}`);
}
