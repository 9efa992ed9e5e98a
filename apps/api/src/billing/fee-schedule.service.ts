import { FeeScheduleEntity } from '@keta/db';
import type { FeeSchedule } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';

const THE_CLINIC = 1;

/** The clinic's fee schedule: set whole by an admin, read by staff and by the superbill. */
@Injectable()
export class FeeScheduleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: AuditedChange,
  ) {}

  async get(): Promise<FeeSchedule> {
    const schedule = await feeScheduleIn(this.db.manager);
    if (!schedule) throw new DomainError(ErrorCode.NotFound, 'The fee schedule has not been set yet: an admin sets it');
    return schedule;
  }

  /** Replaces the schedule (validated at the edge: unique codes, whole cents); fees keep the order given. */
  set(input: FeeSchedule, updatedBy: string): Promise<FeeSchedule> {
    return this.changes.run(async (tx) => {
      await tx.getRepository(FeeScheduleEntity).save({ id: THE_CLINIC, currency: input.currency, fees: input.fees, updatedBy });
      return (await feeScheduleIn(tx))!;
    });
  }
}

/** The schedule, or undefined while none is set. */
export async function feeScheduleIn(db: EntityManager): Promise<FeeSchedule | undefined> {
  const row = await db.getRepository(FeeScheduleEntity).findOneBy({ id: THE_CLINIC });
  return row ? { currency: row.currency, fees: row.fees } : undefined;
}
