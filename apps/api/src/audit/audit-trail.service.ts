import { AuditEventEntity } from '@keta/db';
import type { AuditAction, AuditOutcome, AuditQuery } from '@keta/domain';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, LessThan, MoreThanOrEqual, type EntityManager, type FindOptionsWhere, type Repository } from 'typeorm';
import type { Caller, KetaRequest } from '../auth/principal';

export interface AuditEntry {
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  outcome: AuditOutcome;
  errorCode?: string | null;
  /** Set when the actor is known before the request carries a principal (sign-in, token requests). */
  actor?: Caller;
}

/** Appends who did what to which record, from where, and how it ended. Awaited: no audit row, no answer. */
@Injectable()
export class AuditTrail {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  async record(req: KetaRequest, entry: AuditEntry): Promise<void> {
    await this.events.insert(this.row(req, entry));
  }

  /** The same, in the caller's transaction: the change and its audit row commit together. */
  async recordIn(tx: EntityManager, req: KetaRequest, entry: AuditEntry): Promise<void> {
    await tx.getRepository(AuditEventEntity).insert(this.row(req, entry));
  }

  private row(req: KetaRequest, entry: AuditEntry) {
    const actor = entry.actor ?? req.principal ?? req.ehrClient;
    return {
      actorUserId: actor && 'userId' in actor ? actor.userId : null,
      actorClientId: actor && 'clientId' in actor ? actor.clientId : null,
      actorRole: actor?.role ?? null,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      outcome: entry.outcome,
      errorCode: entry.errorCode ?? null,
      ip: req.ip ?? null,
      requestId: req.id === undefined ? null : String(req.id),
    };
  }

  /** The trail, newest first; page with `before` (the last id seen). */
  search(query: AuditQuery): Promise<AuditEventEntity[]> {
    const { limit, before, since, until, format: _format, ...exact } = query;
    const where: FindOptionsWhere<AuditEventEntity> = { ...exact };
    if (before) where.id = LessThan(String(before));
    if (since && until) where.occurredAt = Between(new Date(since), new Date(until));
    else if (since) where.occurredAt = MoreThanOrEqual(new Date(since));
    else if (until) where.occurredAt = LessThan(new Date(until));
    return this.events.find({ where, order: { id: 'DESC' }, take: limit });
  }
}
