import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { auditContext } from './audit-context';
import { AuditTrail } from './audit-trail.service';

/**
 * The one way a use case changes clinic records: one transaction for the records, their projection, their
 * outbox rows and the audit row of the route that asked for it. A change is never committed without its audit
 * record (the interceptor records refusals and failures, which commit nothing).
 */
@Injectable()
export class AuditedChange {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly trail: AuditTrail,
  ) {}

  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const result = await work(tx);
      const context = auditContext.getStore();
      if (context && !context.recorded) {
        await this.trail.recordIn(tx, context.req, { ...context.spec, resourceId: context.paramId ?? idOf(result), outcome: 'success' });
        context.recorded = true;
      }
      return result;
    });
  }
}

export function idOf(result: unknown): string | undefined {
  const id = (result as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}
