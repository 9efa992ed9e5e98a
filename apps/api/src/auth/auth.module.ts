import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { IntakeRateLimit } from './intake-rate-limit';
import { SignInThrottle } from './sign-in-throttle.service';
import { SignInUseCase } from './sign-in.use-case';
import { TokenService } from './token.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [TokenService, SignInThrottle, SignInUseCase, IntakeRateLimit, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [TokenService, SignInThrottle],
})
export class AuthModule {}
