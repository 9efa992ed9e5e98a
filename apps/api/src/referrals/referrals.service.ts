import { PatientEntity, PatientIdentifierEntity } from '@keta/db';
import { findIndication } from '@keta/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { readableReferral } from './readable-referral';
import { toPatientRecord, toReferralRecord } from './referral-record';
import { referralSyncStatus } from './referral-sync-status';
import type { ReferralView } from './referral-view';

@Injectable()
export class ReferralsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(id: string, reader: Principal): Promise<ReferralView> {
    const referral = await readableReferral(this.db.manager, id, reader);
    const patient = await this.db.getRepository(PatientEntity).findOneByOrFail({ id: referral.patientId });
    const identifiers = await this.db.getRepository(PatientIdentifierEntity).find({ where: { patientId: patient.id }, order: { system: 'ASC', value: 'ASC' } });
    const { patientId: _patientId, ...record } = toReferralRecord(referral);
    const sync = await referralSyncStatus(this.db.manager, [patient.id, referral.id, referral.taskId]);
    return {
      ...record,
      indication: { ...record.indication, display: findIndication(record.indication.system, record.indication.code)?.display ?? null },
      patient: toPatientRecord(patient, identifiers.map(({ system, value }) => ({ system, value }))),
      sync,
    };
  }
}
