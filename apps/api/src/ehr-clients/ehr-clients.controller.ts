import { ehrClientChangeSchema, newEhrClientSchema, type EhrClientChange, type EhrClientView, type NewEhrClient } from '@keta/domain';
import { Controller, Get, Headers, Param, Patch, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import { tagged, versionFromIfMatch } from '../http/if-match';
import { uuidParam } from '../http/uuid-param.pipe';
import { EhrClientsService } from './ehr-clients.service';
import { ValidBody } from '../openapi/valid-input.decorators';

/** EHR systems registered for SMART Backend Services (their id is the client_id). Admins manage them; ops may look. */
@Controller('ehr-clients')
export class EhrClientsController {
  constructor(private readonly clients: EhrClientsService) {}

  @Get()
  @Roles('admin', 'ops')
  list(): Promise<EhrClientView[]> {
    return this.clients.list();
  }

  @Post()
  @Roles('admin')
  @Audited('ehr-client', 'create')
  async create(@ValidBody(newEhrClientSchema) body: NewEhrClient, @Res({ passthrough: true }) res: Response): Promise<EhrClientView> {
    return tagged(res, await this.clients.create(body));
  }

  @Get(':id')
  @Roles('admin', 'ops')
  async get(@Param('id', uuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<EhrClientView> {
    return tagged(res, await this.clients.get(id));
  }

  @Patch(':id')
  @Roles('admin')
  @Audited('ehr-client', 'update')
  async change(
    @Param('id', uuidParam()) id: string,
    @ValidBody(ehrClientChangeSchema) body: EhrClientChange,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EhrClientView> {
    return tagged(res, await this.clients.change(id, body, versionFromIfMatch(ifMatch)));
  }
}
