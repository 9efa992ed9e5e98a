import { EhrConnectionEntity } from '@keta/db';
import type { EhrConnectionAuth, EhrConnectionChange, EhrConnectionView, NewEhrConnection } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import { assertCurrent } from '../http/if-match';

/** The EHRs Keta syncs to. A change commits with its audit row: what an EHR receives never changes unrecorded. */
@Injectable()
export class EhrConnectionsService {
  constructor(
    @InjectRepository(EhrConnectionEntity) private readonly connections: Repository<EhrConnectionEntity>,
    private readonly changes: AuditedChange,
  ) {}

  async list(): Promise<EhrConnectionView[]> {
    return (await this.connections.find({ order: { name: 'ASC' } })).map(toView);
  }

  async get(id: string): Promise<EhrConnectionView> {
    const connection = await this.connections.findOneBy({ id });
    if (!connection) throw notFound();
    return toView(connection);
  }

  async create({ auth, ...input }: NewEhrConnection): Promise<EhrConnectionView> {
    return this.changes.run(async (tx) => toView(await tx.getRepository(EhrConnectionEntity).save({ ...input, ...authColumns(auth) })));
  }

  /** From the version read (If-Match): two admins tuning one connection never undo each other unseen. */
  async change(id: string, { auth, ...change }: EhrConnectionChange, expectedVersion: number): Promise<EhrConnectionView> {
    return this.changes.run(async (tx) => {
      const connections = tx.getRepository(EhrConnectionEntity);
      const connection = await connections.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!connection) throw notFound();
      assertCurrent('EHR connection', connection.version, expectedVersion);
      return toView(await connections.save({ ...connection, ...change, ...(auth ? authColumns(auth) : {}) }));
    });
  }
}

const notFound = () => new DomainError(ErrorCode.NotFound, 'No EHR connection has this id');

function toView(c: EhrConnectionEntity): EhrConnectionView {
  return {
    id: c.id, name: c.name, baseUrl: c.baseUrl, kind: c.kind, enabled: c.enabled, homeMedicationFormat: c.homeMedicationFormat,
    resourceTypes: c.resourceTypes, paused: c.paused, rateLimitPerMinute: c.rateLimitPerMinute, concurrency: c.concurrency,
    referrerNpis: c.referrerNpis, alertThresholds: c.alertThresholds,
    auth: c.authKind === 'bearer' && c.authTokenEnv ? { kind: 'bearer', tokenEnv: c.authTokenEnv } : { kind: 'none' },
    version: c.version, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

function authColumns(auth: EhrConnectionAuth): Pick<EhrConnectionEntity, 'authKind' | 'authTokenEnv'> {
  return auth.kind === 'bearer' ? { authKind: 'bearer', authTokenEnv: auth.tokenEnv } : { authKind: 'none', authTokenEnv: null };
}
