import { ehrClientChangeSchema, newEhrClientSchema, type EhrClientChange, type EhrClientView, type NewEhrClient } from '@keta/domain';
import { Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
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
  create(@ValidBody(newEhrClientSchema) body: NewEhrClient): Promise<EhrClientView> {
    return this.clients.create(body);
  }

  @Get(':id')
  @Roles('admin', 'ops')
  get(@Param('id', uuidParam()) id: string): Promise<EhrClientView> {
    return this.clients.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @Audited('ehr-client', 'update')
  change(@Param('id', uuidParam()) id: string, @ValidBody(ehrClientChangeSchema) body: EhrClientChange): Promise<EhrClientView> {
    return this.clients.change(id, body);
  }
}
