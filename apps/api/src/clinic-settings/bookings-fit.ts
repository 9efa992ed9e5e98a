import { clinicWeekday, localDate } from '@keta/clinical-rules';
import type { ClinicSettings } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import type { EntityManager } from 'typeorm';

interface Booked {
  starts_at: Date;
  chair: number | null;
}

/** Dates named in a refusal: enough to find them, not a listing of the calendar. */
const NAMED = 5;

/**
 * New settings must leave room for every visit still booked: none on a chair the clinic no longer has, on a
 * day it no longer opens, or on a closure. Otherwise they are refused (409), naming the dates and chairs, so
 * the front desk moves or cancels those visits first; a booking is never dropped by a settings change. The
 * caller holds the calendar lock, so nothing is booked meanwhile.
 */
export async function assertBookingsFit(tx: EntityManager, settings: ClinicSettings): Promise<void> {
  const booked = (await tx.query(
    `SELECT starts_at, chair FROM appointment WHERE status = 'booked' AND ends_at > now() ORDER BY starts_at, chair`,
  )) as Booked[];
  const closures = new Set(settings.closures);
  const misfits = booked.flatMap(({ starts_at: start, chair }) => {
    const date = localDate(start, settings.timeZone);
    if (chair !== null && chair > settings.chairs) return [`${date} (chair ${chair})`];
    if (closures.has(date)) return [`${date} (a closure)`];
    if (!settings.openingDays.includes(clinicWeekday(start, settings.timeZone))) return [`${date} (not an opening day)`];
    return [];
  });
  if (misfits.length === 0) return;
  const named = misfits.slice(0, NAMED).join(', ');
  const more = misfits.length > NAMED ? ` and ${misfits.length - NAMED} more` : '';
  throw new DomainError(ErrorCode.Conflict, `${misfits.length} booked visit(s) would not fit these settings: ${named}${more}; move or cancel them first`);
}
