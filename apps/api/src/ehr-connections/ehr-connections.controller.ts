import {
  ehrConnectionChangeSchema, newEhrConnectionSchema, type EhrConnectionChange, type EhrConnectionView, type NewEhrConnection,
} from '@keta/domain';
import { Controller, Get, Headers, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import { tagged, versionFromIfMatch } from '../http/if-match';
import { publicOrigin } from '../http/public-origin';
import { uuidParam } from '../http/uuid-param.pipe';
import { EhrConnectionsService } from './ehr-connections.service';
import { ValidBody } from '../openapi/valid-input.decorators';

/** The EHRs Keta syncs to. Admins manage them; ops may look. */
@Controller('ehr-connections')
export class EhrConnectionsController {
  constructor(private readonly connections: EhrConnectionsService) {}

  @Get()
  @Roles('admin', 'ops')
  list(@Req() req: Request): Promise<EhrConnectionView[]> {
    return this.connections.list(publicOrigin(req));
  }

  @Post()
  @Roles('admin')
  @Audited('ehr-connection', 'create')
  async create(
    @ValidBody(newEhrConnectionSchema) body: NewEhrConnection, @Req() req: Request, @Res({ passthrough: true }) res: Response,
  ): Promise<EhrConnectionView> {
    return tagged(res, await this.connections.create(body, publicOrigin(req)));
  }

  @Get(':id')
  @Roles('admin', 'ops')
  async get(@Param('id', uuidParam()) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<EhrConnectionView> {
    return tagged(res, await this.connections.get(id, publicOrigin(req)));
  }

  @Patch(':id')
  @Roles('admin')
  @Audited('ehr-connection', 'update')
  async change(
    @Param('id', uuidParam()) id: string,
    @ValidBody(ehrConnectionChangeSchema) body: EhrConnectionChange,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EhrConnectionView> {
    return tagged(res, await this.connections.change(id, body, versionFromIfMatch(ifMatch), publicOrigin(req)));
  }

  /** A new signing key for a SMART connection (the old one stays published a while, for the EHR to switch). */
  @Post(':id/signing-key')
  @HttpCode(200)
  @Roles('admin')
  @Audited('ehr-connection', 'update')
  async rotateSigningKey(@Param('id', uuidParam()) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<EhrConnectionView> {
    return tagged(res, await this.connections.rotateSigningKey(id, publicOrigin(req)));
  }

  /** The next signing key, published now for an EHR where the key itself is registered; signed with once activated. */
  @Post(':id/next-signing-key')
  @HttpCode(200)
  @Roles('admin')
  @Audited('ehr-connection', 'update')
  async stageSigningKey(@Param('id', uuidParam()) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<EhrConnectionView> {
    return tagged(res, await this.connections.stageSigningKey(id, publicOrigin(req)));
  }

  /** Signs with the next key from now on (the current one stays published a while). */
  @Post(':id/next-signing-key/activate')
  @HttpCode(200)
  @Roles('admin')
  @Audited('ehr-connection', 'update')
  async activateSigningKey(@Param('id', uuidParam()) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<EhrConnectionView> {
    return tagged(res, await this.connections.activateSigningKey(id, publicOrigin(req)));
  }
}
