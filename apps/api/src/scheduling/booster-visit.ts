import { localDate, nextBoosterWindow, resolveProtocol, type Policy } from '@keta/clinical-rules';
import { SeriesEntity, type ClinicSettingsEntity } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import type { EntityManager } from 'typeorm';
import { schedulableReferral } from './schedulable-referral';

export interface BoosterVisit {
  minutes: number;
  /** The referral of the series it follows. */
  referralId: string;
}

interface LastInfusion {
  series_id: string;
  last_at: Date;
}

/**
 * A booster is a single infusion after a finished series: the patient's series with a completed infusion and
 * none still to come, and the booster on a day inside the policy's window after the last infusion or
 * booster (seed 000, 004: monthly to yearly). It runs as long as that series' infusions. Like a series, it
 * needs its referral still accepted with nothing that blocks, and a series a clinician stopped has none.
 */
export async function boosterVisit(tx: EntityManager, patientId: string, start: Date, settings: ClinicSettingsEntity, policy: Policy): Promise<BoosterVisit> {
  const [last] = (await tx.query(
    `SELECT coalesce(a.series_id, (SELECT s.id FROM series s WHERE s.referral_id = a.referral_id AND s.patient_id = a.patient_id ORDER BY s.created_at DESC LIMIT 1)) AS series_id,
            a.starts_at AS last_at
       FROM appointment a
      WHERE a.patient_id = $1 AND a.kind IN ('infusion', 'booster') AND a.status = 'completed'
      ORDER BY a.starts_at DESC LIMIT 1`,
    [patientId],
  )) as LastInfusion[];
  const series = last?.series_id ? await tx.getRepository(SeriesEntity).findOneBy({ id: last.series_id }) : null;
  if (!last || !series) throw new DomainError(ErrorCode.BusinessRule, 'A booster follows a completed series: this patient has no completed infusion');
  await schedulableReferral(tx, patientId, series.referralId);
  const [pending] = (await tx.query(
    `SELECT 1 FROM appointment WHERE series_id = $1 AND status IN ('booked', 'checked-in') LIMIT 1`, [series.id],
  )) as unknown[];
  if (pending) throw new DomainError(ErrorCode.BusinessRule, 'The patient\'s series still has infusions to come: a booster follows a completed series');
  if (series.status === 'cancelled') throw new DomainError(ErrorCode.BusinessRule, 'The patient\'s last series was cancelled: a booster follows a completed series');
  const window = nextBoosterWindow(localDate(last.last_at, settings.timeZone), policy);
  const date = localDate(start, settings.timeZone);
  if (date < window.earliest || date > window.latest) {
    throw new DomainError(ErrorCode.BusinessRule, `A booster falls between ${window.earliest} and ${window.latest} under the clinic's policy, not on ${date}`);
  }
  return { minutes: protocolVisitMinutes(series, policy), referralId: series.referralId };
}

/** The series' visit length; when the policy no longer offers its protocol, the kind's default protocol's. */
function protocolVisitMinutes(series: SeriesEntity, policy: Policy): number {
  try {
    return resolveProtocol(policy, series.kind, series.protocol).visitMinutes;
  } catch {
    return resolveProtocol(policy, series.kind, undefined).visitMinutes;
  }
}
