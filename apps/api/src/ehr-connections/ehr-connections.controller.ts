import {
  ehrConnectionChangeSchema, newEhrConnectionSchema, type EhrConnectionChange, type EhrConnectionView, type NewEhrConnection,
} from '@keta/domain';
import { Controller, Get, Headers, Param, Patch, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import { tagged, versionFromIfMatch } from '../http/if-match';
import { uuidParam } from '../http/uuid-param.pipe';
import { EhrConnectionsService } from './ehr-connections.service';
import { ValidBody } from '../openapi/valid-input.decorators';

/** The EHRs Keta syncs to. Admins manage them; ops may look. */
@Controller('ehr-connections')
export class EhrConnectionsController {
  constructor(private readonly connections: EhrConnectionsService) {}

  @Get()
  @Roles('admin', 'ops')
  list(): Promise<EhrConnectionView[]> {
    return this.connections.list();
  }

  @Post()
  @Roles('admin')
  @Audited('ehr-connection', 'create')
  async create(@ValidBody(newEhrConnectionSchema) body: NewEhrConnection, @Res({ passthrough: true }) res: Response): Promise<EhrConnectionView> {
    return tagged(res, await this.connections.create(body));
  }

  @Get(':id')
  @Roles('admin', 'ops')
  async get(@Param('id', uuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<EhrConnectionView> {
    return tagged(res, await this.connections.get(id));
  }

  @Patch(':id')
  @Roles('admin')
  @Audited('ehr-connection', 'update')
  async change(
    @Param('id', uuidParam()) id: string,
    @ValidBody(ehrConnectionChangeSchema) body: EhrConnectionChange,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EhrConnectionView> {
    return tagged(res, await this.connections.change(id, body, versionFromIfMatch(ifMatch)));
  }
}
