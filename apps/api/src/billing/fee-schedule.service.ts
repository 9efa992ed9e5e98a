import { FeeScheduleEntity } from '@keta/db';
import type { FeeSchedule } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import { assertCurrentOrFirst, type Versioned } from '../http/if-match';

const THE_CLINIC = 1;

/** The clinic's fee schedule: set whole by an admin, read by staff and by the superbill. */
@Injectable()
export class FeeScheduleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: AuditedChange,
  ) {}

  /** The schedule, and the version a change of it names (If-Match). */
  async get(): Promise<Versioned<FeeSchedule>> {
    const row = await this.db.getRepository(FeeScheduleEntity).findOneBy({ id: THE_CLINIC });
    if (!row) throw new DomainError(ErrorCode.NotFound, 'The fee schedule has not been set yet: an admin sets it');
    return versioned(row);
  }

  /**
   * Replaces the schedule (validated at the edge: unique codes, whole cents); fees keep the order given. The
   * first schedule is set without If-Match; every change after from the version read, under the row's lock.
   */
  set(input: FeeSchedule, updatedBy: string, expectedVersion: number | undefined): Promise<Versioned<FeeSchedule>> {
    return this.changes.run(async (tx) => {
      const repository = tx.getRepository(FeeScheduleEntity);
      const current = await repository.findOne({ where: { id: THE_CLINIC }, lock: { mode: 'pessimistic_write' } });
      assertCurrentOrFirst('fee schedule', current?.version, expectedVersion);
      // Over the row read, so that a schedule saved unchanged answers the version it still has.
      return versioned(await repository.save({ ...current, id: THE_CLINIC, currency: input.currency, fees: input.fees, updatedBy }));
    });
  }
}

/** The schedule, or undefined while none is set. */
export async function feeScheduleIn(db: EntityManager): Promise<FeeSchedule | undefined> {
  const row = await db.getRepository(FeeScheduleEntity).findOneBy({ id: THE_CLINIC });
  return row ? versioned(row).body : undefined;
}

function versioned(row: Pick<FeeScheduleEntity, 'currency' | 'fees' | 'version'>): Versioned<FeeSchedule> {
  return { body: { currency: row.currency, fees: row.fees }, version: row.version };
}
