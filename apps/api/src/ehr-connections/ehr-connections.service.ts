import { EhrConnectionEntity } from '@keta/db';
import type { EhrConnectionAuth, EhrConnectionChange, EhrConnectionView, NewEhrConnection } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';

@Injectable()
export class EhrConnectionsService {
  constructor(@InjectRepository(EhrConnectionEntity) private readonly connections: Repository<EhrConnectionEntity>) {}

  async list(): Promise<EhrConnectionView[]> {
    return (await this.connections.find({ order: { name: 'ASC' } })).map(toView);
  }

  async get(id: string): Promise<EhrConnectionView> {
    return toView(await this.find(id));
  }

  async create({ auth, ...input }: NewEhrConnection): Promise<EhrConnectionView> {
    return toView(await this.connections.save({ ...input, ...authColumns(auth) }));
  }

  async change(id: string, { auth, ...change }: EhrConnectionChange): Promise<EhrConnectionView> {
    return toView(await this.connections.save({ ...(await this.find(id)), ...change, ...(auth ? authColumns(auth) : {}) }));
  }

  private async find(id: string): Promise<EhrConnectionEntity> {
    const connection = await this.connections.findOneBy({ id });
    if (!connection) throw new DomainError(ErrorCode.NotFound, 'No EHR connection has this id');
    return connection;
  }
}

function toView(c: EhrConnectionEntity): EhrConnectionView {
  return {
    id: c.id, name: c.name, baseUrl: c.baseUrl, kind: c.kind, enabled: c.enabled, homeMedicationFormat: c.homeMedicationFormat,
    resourceTypes: c.resourceTypes, paused: c.paused, rateLimitPerMinute: c.rateLimitPerMinute, concurrency: c.concurrency,
    referrerNpis: c.referrerNpis,
    auth: c.authKind === 'bearer' && c.authTokenEnv ? { kind: 'bearer', tokenEnv: c.authTokenEnv } : { kind: 'none' },
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

function authColumns(auth: EhrConnectionAuth): Pick<EhrConnectionEntity, 'authKind' | 'authTokenEnv'> {
  return auth.kind === 'bearer' ? { authKind: 'bearer', authTokenEnv: auth.tokenEnv } : { authKind: 'none', authTokenEnv: null };
}
