import { EhrClientEntity } from '@keta/db';
import type { EhrClientChange, EhrClientView, NewEhrClient } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import { assertCurrent } from '../http/if-match';
import { requireUsableKeys } from './usable-keys';

/**
 * The EHR systems allowed to ask for SMART Backend Services tokens, with their public keys and scopes. A change
 * commits with its audit row: who may read the clinic's records never changes unrecorded.
 */
@Injectable()
export class EhrClientsService {
  constructor(
    @InjectRepository(EhrClientEntity) private readonly clients: Repository<EhrClientEntity>,
    private readonly changes: AuditedChange,
  ) {}

  async list(): Promise<EhrClientView[]> {
    return (await this.clients.find({ order: { name: 'ASC' } })).map(toView);
  }

  async get(id: string): Promise<EhrClientView> {
    const client = await this.clients.findOneBy({ id });
    if (!client) throw notFound();
    return toView(client);
  }

  async create(input: NewEhrClient): Promise<EhrClientView> {
    await requireUsableKeys(input.jwks);
    return this.changes.run(async (tx) => toView(await tx.getRepository(EhrClientEntity).save(input)));
  }

  /**
   * From the version read (If-Match). A change of keys or scopes binds tokens already issued too: the guard
   * intersects with the current row.
   */
  async change(id: string, change: EhrClientChange, expectedVersion: number): Promise<EhrClientView> {
    if (change.jwks) await requireUsableKeys(change.jwks);
    return this.changes.run(async (tx) => {
      const clients = tx.getRepository(EhrClientEntity);
      const client = await clients.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!client) throw notFound();
      assertCurrent('EHR client', client.version, expectedVersion);
      return toView(await clients.save({ ...client, ...change }));
    });
  }
}

const notFound = () => new DomainError(ErrorCode.NotFound, 'No EHR client has this id');

function toView(c: EhrClientEntity): EhrClientView {
  return {
    id: c.id, name: c.name, jwks: c.jwks, scopes: c.scopes, enabled: c.enabled,
    version: c.version, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}
