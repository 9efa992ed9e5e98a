import { signInSchema, type SignIn, type UserView } from '@keta/domain';
import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { UsersService } from '../users/users.service';
import { EVERY_ROLE, Public, Roles } from './access.decorators';
import type { KetaRequest } from './principal';
import { SignInUseCase } from './sign-in.use-case';
import type { IssuedToken } from './token.service';
import { ValidBody } from '../openapi/valid-input.decorators';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInUseCase,
    private readonly users: UsersService,
  ) {}

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  signInWithPassword(@ValidBody(signInSchema) body: SignIn, @Req() req: KetaRequest): Promise<IssuedToken> {
    return this.signIn.execute(body, req);
  }

  @Get('me')
  @Roles(...EVERY_ROLE)
  me(@Req() req: KetaRequest): Promise<UserView> {
    return this.users.get(req.principal!.userId);
  }
}
