import { newUserSchema, userChangeSchema, type NewUser, type UserChange, type UserView } from '@keta/domain';
import { Controller, Get, Headers, Param, Patch, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import { tagged, versionFromIfMatch } from '../http/if-match';
import { uuidParam } from '../http/uuid-param.pipe';
import { UsersService } from './users.service';
import { ValidBody } from '../openapi/valid-input.decorators';

@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Audited('user', 'search')
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Post()
  @Audited('user', 'create')
  async create(@ValidBody(newUserSchema) body: NewUser, @Res({ passthrough: true }) res: Response): Promise<UserView> {
    return tagged(res, await this.users.create(body));
  }

  @Get(':id')
  @Audited('user', 'read')
  async get(@Param('id', uuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<UserView> {
    return tagged(res, await this.users.get(id));
  }

  @Patch(':id')
  @Audited('user', 'update')
  async change(
    @Param('id', uuidParam()) id: string,
    @ValidBody(userChangeSchema) body: UserChange,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserView> {
    return tagged(res, await this.users.change(id, body, versionFromIfMatch(ifMatch)));
  }
}
