import { ConsentFormEntity } from '@keta/db';
import type { ConsentFormQuery, ConsentFormRecord, NewConsentForm } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import { toConsentFormRecord } from './consent-record';

/**
 * The clinic's consent forms. A published form never changes: publishing a kind again makes its next
 * version, and patients sign the latest.
 */
@Injectable()
export class ConsentFormsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: AuditedChange,
  ) {}

  publish(input: NewConsentForm, by: string): Promise<ConsentFormRecord> {
    return this.changes.run(async (tx) => {
      // One publisher of a kind at a time, so two publications cannot both take the next version.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('consent_form:' || $1))`, [input.kind]);
      const [{ latest }] = (await tx.query(`SELECT coalesce(max(version), 0) AS latest FROM consent_form WHERE kind = $1`, [input.kind])) as [{ latest: number }];
      const row = await tx.getRepository(ConsentFormEntity).save({ ...input, version: latest + 1, publishedAt: new Date(), publishedBy: by });
      return toConsentFormRecord(row);
    });
  }

  async list(query: ConsentFormQuery): Promise<ConsentFormRecord[]> {
    const rows = await this.db.getRepository(ConsentFormEntity).find({ where: query.kind ? { kind: query.kind } : {}, order: { kind: 'ASC', version: 'DESC' } });
    return rows.map(toConsentFormRecord);
  }

  async get(id: string): Promise<ConsentFormRecord> {
    const row = await this.db.getRepository(ConsentFormEntity).findOneBy({ id });
    if (!row) throw new DomainError(ErrorCode.NotFound, 'No consent form has this id');
    return toConsentFormRecord(row);
  }
}
