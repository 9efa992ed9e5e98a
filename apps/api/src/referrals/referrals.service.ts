import { ClinicSettingsEntity, PatientEntity, PatientIdentifierEntity, ReferralEntity, ReferralMessageEntity, ScreeningFindingEntity } from '@keta/db';
import { findIndication, referralStage, type ReferralMessage, type ReferralQuery } from '@keta/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { readableReferral } from './readable-referral';
import { referralRecordIn, treatmentsOf } from './referral-projection';
import { toPatientRecord, toReferralRecord } from './referral-record';
import { referralSyncStatus } from './referral-sync-status';
import type { ReferralSummary, ReferralView, ScreeningFindingView } from './referral-view';

@Injectable()
export class ReferralsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(id: string, reader: Principal): Promise<ReferralView> {
    const referral = await readableReferral(this.db.manager, id, reader);
    const patient = await this.db.getRepository(PatientEntity).findOneByOrFail({ id: referral.patientId });
    const identifiers = await this.db.getRepository(PatientIdentifierEntity).find({ where: { patientId: patient.id }, order: { system: 'ASC', value: 'ASC' } });
    const { patientId: _patientId, treatment, closingSummary, ...record } = await referralRecordIn(this.db.manager, referral);
    const sync = await referralSyncStatus(this.db.manager, [patient.id, referral.id, referral.taskId]);
    return {
      ...record,
      indication: withDisplay(record.indication),
      stage: referralStage(record.status, treatment),
      correspondence: await correspondenceOf(this.db.manager, referral.id),
      closingSummary: closingSummary ?? null,
      patient: toPatientRecord(patient, identifiers.map(({ system, value }) => ({ system, value }))),
      version: referral.version,
      decided: referral.decidedBy && referral.decidedAt ? { by: referral.decidedBy, at: referral.decidedAt.toISOString() } : null,
      sync,
      ...(reader.role === 'clinician' ? { findings: await openFindings(this.db.manager, referral.id) } : {}),
    };
  }

  /** Newest first; a referrer's list holds only the referrals they sent. Days are the clinic's (its time zone). */
  async list(query: ReferralQuery, reader: Principal): Promise<ReferralSummary[]> {
    const timeZone = (await this.db.getRepository(ClinicSettingsEntity).findOneBy({ id: 1 }))?.timeZone ?? 'UTC';
    const builder = this.db.getRepository(ReferralEntity).createQueryBuilder('r')
      .orderBy('r.createdAt', 'DESC').addOrderBy('r.id', 'DESC').limit(query.limit).offset(query.offset);
    if (reader.role === 'referrer') builder.andWhere('r.submitted_by = :reader', { reader: reader.userId });
    if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    if (query.indication) builder.andWhere('r.indication_code = :indication', { indication: query.indication });
    if (query.receivedFrom) builder.andWhere(`r.created_at >= (CAST(:from AS date)::timestamp AT TIME ZONE :tz)`, { from: query.receivedFrom, tz: timeZone });
    if (query.receivedTo) builder.andWhere(`r.created_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :tz)`, { to: query.receivedTo, tz: timeZone });
    const referrals = await builder.getMany();
    const patients = new Map((await this.db.getRepository(PatientEntity).findBy({ id: In(referrals.map((r) => r.patientId)) })).map((p) => [p.id, p]));
    const treatments = await treatmentsOf(this.db.manager, referrals.filter((r) => r.status === 'accepted').map((r) => r.id));
    return referrals.map((referral) => {
      const { id, status, statusReason, indication, referrer, createdAt } = toReferralRecord(referral);
      const patient = patients.get(referral.patientId)!;
      return {
        id, status, stage: referralStage(status, treatments.get(id)), ...(statusReason ? { statusReason } : {}), indication: withDisplay(indication), referrer, createdAt, version: referral.version,
        patient: { id: patient.id, name: { given: patient.givenNames, family: patient.familyName }, birthDate: patient.birthDate },
      };
    });
  }
}

async function correspondenceOf(db: EntityManager, referralId: string): Promise<ReferralMessage[]> {
  const messages = await db.getRepository(ReferralMessageEntity).find({ where: { referralId }, order: { createdAt: 'ASC', id: 'ASC' } });
  return messages.map(({ kind, text, createdAt }) => ({ kind, text, at: createdAt.toISOString() }));
}

const SEVERITY_ORDER = ['block', 'review', 'warn', 'info'];

async function openFindings(db: EntityManager, referralId: string): Promise<ScreeningFindingView[]> {
  const open = await db.getRepository(ScreeningFindingEntity).find({ where: { referralId, resolvedAt: IsNull() }, order: { identifiedAt: 'ASC', code: 'ASC' } });
  const rank = (severity: string) => SEVERITY_ORDER.indexOf(severity);
  return open
    .sort((a, b) => rank(a.severity) - rank(b.severity))
    .map(({ id, code, severity, message, source, medicationId, identifiedAt }) => ({ id, code, severity, message, source, medicationId, identifiedAt: identifiedAt.toISOString() }));
}

function withDisplay(indication: { system: string; code: string }): ReferralView['indication'] {
  return { ...indication, display: findIndication(indication.system, indication.code)?.display ?? null };
}
