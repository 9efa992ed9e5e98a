import { ReferralEntity, ScreeningFindingEntity, SeriesEntity, type AppointmentEntity } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import { IsNull, type EntityManager } from 'typeorm';

/**
 * The referral a series answers, when it may be scheduled: the patient's own, accepted by a clinician, and
 * with no open finding that blocks (an exclusion, a missing document, an interaction that stops the
 * infusion). An ineligible referral cannot be scheduled. Held FOR SHARE so a decision cannot change it
 * while the series is booked.
 */
export async function schedulableReferral(tx: EntityManager, patientId: string, referralId: string): Promise<ReferralEntity> {
  const referral = await tx.getRepository(ReferralEntity).findOne({ where: { id: referralId }, lock: { mode: 'pessimistic_read' } });
  if (!referral || referral.patientId !== patientId) throw new DomainError(ErrorCode.BusinessRule, 'This patient has no referral with this id');
  if (referral.status !== 'accepted' || referral.decidedBy === null) {
    throw new DomainError(ErrorCode.BusinessRule, `The referral is ${referral.status}: a clinician accepts it before a series can be scheduled`);
  }
  const blocking = await tx.getRepository(ScreeningFindingEntity).find({ where: { referralId, severity: 'block', resolvedAt: IsNull() }, order: { code: 'ASC' } });
  if (blocking.length) {
    throw new DomainError(ErrorCode.BusinessRule, `Screening findings block treatment (${blocking.map((f) => f.code).join(', ')}): resolve them before a series can be scheduled`);
  }
  return referral;
}

/**
 * Where the policy holds a consultation first (seed 001), the patient has one booked, under way or done,
 * ending before the first infusion.
 */
export async function assertConsultationBefore(tx: EntityManager, patientId: string, firstInfusion: Date): Promise<void> {
  const [consultation] = (await tx.query(
    `SELECT 1 FROM appointment WHERE patient_id = $1 AND kind = 'consultation' AND status IN ('booked', 'checked-in', 'completed') AND ends_at <= $2 LIMIT 1`,
    [patientId, firstInfusion],
  )) as unknown[];
  if (!consultation) {
    throw new DomainError(ErrorCode.BusinessRule, 'The clinic\'s policy asks for a consultation before the first infusion: book one before the series starts');
  }
}

/**
 * An appointment of a treatment may still go ahead: its series is still booked, and its referral still
 * accepted with nothing that blocks (a referral declined, or a blocking finding since, stops what is booked).
 */
export async function assertStillTreatable(tx: EntityManager, appointment: AppointmentEntity): Promise<void> {
  if (appointment.seriesId) {
    const series = await tx.getRepository(SeriesEntity).findOne({ where: { id: appointment.seriesId }, lock: { mode: 'pessimistic_read' } });
    if (series?.status !== 'booked') throw new DomainError(ErrorCode.BusinessRule, `The series of this appointment is ${series?.status ?? 'gone'}: its infusions do not go ahead`);
  }
  if (appointment.referralId) await schedulableReferral(tx, appointment.patientId, appointment.referralId);
}
