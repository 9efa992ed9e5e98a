import {
  ehrConnectionChangeSchema, newEhrConnectionSchema, type EhrConnectionChange, type EhrConnectionView, type NewEhrConnection,
} from '@keta/domain';
import { Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
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
  create(@ValidBody(newEhrConnectionSchema) body: NewEhrConnection): Promise<EhrConnectionView> {
    return this.connections.create(body);
  }

  @Get(':id')
  @Roles('admin', 'ops')
  get(@Param('id', uuidParam()) id: string): Promise<EhrConnectionView> {
    return this.connections.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @Audited('ehr-connection', 'update')
  change(@Param('id', uuidParam()) id: string, @ValidBody(ehrConnectionChangeSchema) body: EhrConnectionChange): Promise<EhrConnectionView> {
    return this.connections.change(id, body);
  }
}
