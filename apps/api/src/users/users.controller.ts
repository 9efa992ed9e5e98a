import { newUserSchema, userChangeSchema, type NewUser, type UserChange, type UserView } from '@keta/domain';
import { Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
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
  create(@ValidBody(newUserSchema) body: NewUser): Promise<UserView> {
    return this.users.create(body);
  }

  @Get(':id')
  @Audited('user', 'read')
  get(@Param('id', uuidParam()) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Audited('user', 'update')
  change(@Param('id', uuidParam()) id: string, @ValidBody(userChangeSchema) body: UserChange): Promise<UserView> {
    return this.users.change(id, body);
  }
}
