import { EhrClientEntity } from '@keta/db';
import type { EhrClientChange, EhrClientView, NewEhrClient } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { requireUsableKeys } from './usable-keys';

/** The EHR systems allowed to ask for SMART Backend Services tokens, with their public keys and scopes. */
@Injectable()
export class EhrClientsService {
  constructor(@InjectRepository(EhrClientEntity) private readonly clients: Repository<EhrClientEntity>) {}

  async list(): Promise<EhrClientView[]> {
    return (await this.clients.find({ order: { name: 'ASC' } })).map(toView);
  }

  async get(id: string): Promise<EhrClientView> {
    return toView(await this.find(id));
  }

  async create(input: NewEhrClient): Promise<EhrClientView> {
    await requireUsableKeys(input.jwks);
    return toView(await this.clients.save(input));
  }

  /** A change of keys or scopes binds tokens already issued too: the guard intersects with the current row. */
  async change(id: string, change: EhrClientChange): Promise<EhrClientView> {
    if (change.jwks) await requireUsableKeys(change.jwks);
    return toView(await this.clients.save({ ...(await this.find(id)), ...change }));
  }

  private async find(id: string): Promise<EhrClientEntity> {
    const client = await this.clients.findOneBy({ id });
    if (!client) throw new DomainError(ErrorCode.NotFound, 'No EHR client has this id');
    return client;
  }
}

function toView(c: EhrClientEntity): EhrClientView {
  return {
    id: c.id, name: c.name, jwks: c.jwks, scopes: c.scopes, enabled: c.enabled,
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}
