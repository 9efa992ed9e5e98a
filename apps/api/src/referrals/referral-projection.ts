import { ReferralClosingSummaryEntity, ReferralEntity, writeProjection } from '@keta/db';
import type { ReferralRecord, TreatmentStage } from '@keta/domain';
import { toFhirReferralTask, toFhirServiceRequest, type ProjectedResource } from '@keta/fhir-mapping';
import type { EntityManager } from 'typeorm';
import { toReferralRecord } from './referral-record';

/**
 * Where each referral's treatment stands, by referral id: `scheduled` once a series is booked, `in-treatment`
 * once an infusion of it is done. A cancelled series counts for nothing.
 */
export async function treatmentsOf(db: EntityManager, referralIds: readonly string[]): Promise<Map<string, TreatmentStage>> {
  if (!referralIds.length) return new Map();
  const rows = (await db.query(
    `SELECT s.referral_id, CASE WHEN bool_or(a.status = 'completed') THEN 'in-treatment' ELSE 'scheduled' END AS stage
       FROM series s JOIN appointment a ON a.series_id = s.id
      WHERE s.referral_id = ANY($1::uuid[]) AND s.status <> 'cancelled'
      GROUP BY s.referral_id`,
    [referralIds],
  )) as Array<{ referral_id: string; stage: TreatmentStage }>;
  return new Map(rows.map((row) => [row.referral_id, row.stage]));
}

/**
 * The referral as the mappers take it, with its treatment while accepted and its closing summary once
 * completed (read only then: intake screens every new referral, and each round trip is its cost).
 */
export async function referralRecordIn(db: EntityManager, referral: ReferralEntity): Promise<ReferralRecord> {
  const treatment = referral.status === 'accepted' ? (await treatmentsOf(db, [referral.id])).get(referral.id) : undefined;
  const closing = referral.status === 'completed' ? await db.getRepository(ReferralClosingSummaryEntity).findOneBy({ referralId: referral.id }) : null;
  return { ...toReferralRecord(referral), ...(treatment ? { treatment } : {}), ...(closing ? { closingSummary: closing.summary } : {}) };
}

/** The referral's ServiceRequest and Task as they stand now. */
export async function referralProjection(db: EntityManager, referral: ReferralEntity): Promise<ProjectedResource[]> {
  const record = await referralRecordIn(db, referral);
  return [toFhirServiceRequest(record), toFhirReferralTask(record)];
}

/**
 * A series was booked or cancelled, or an infusion done: the referral's Task follows when its business status
 * moved (scheduled, under way), so the referrer's EHR hears of it, and not at every infusion.
 */
export async function followTreatment(tx: EntityManager, referralId: string): Promise<void> {
  const referral = await tx.getRepository(ReferralEntity).findOneByOrFail({ id: referralId });
  const [sent] = (await tx.query(
    `SELECT resource #>> '{businessStatus,coding,0,code}' AS business FROM fhir_resource WHERE resource_type = 'Task' AND id = $1`,
    [referral.taskId],
  )) as Array<{ business: string | null }>;
  const record = await referralRecordIn(tx, referral);
  const task = toFhirReferralTask(record);
  if (sent?.business === task.resource.businessStatus?.coding?.[0]?.code) return;
  await writeProjection(tx, [toFhirServiceRequest(record), task]);
}
