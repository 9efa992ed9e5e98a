import { UserEntity } from '@keta/db';
import type { Role } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import { AUDITED, type AuditSpec } from '../audit/audited.decorator';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './access.decorators';
import type { KetaRequest } from './principal';
import { TokenService } from './token.service';

/**
 * Deny by default: a route runs only if it is @Public() or the caller's current role is in its @Roles().
 * The role is read from the database, so disabling a user or changing a role takes effect at once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly trail: AuditTrail,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<KetaRequest>();
    const claimed = await this.tokens.verify(bearerToken(req) ?? '');
    const user = claimed && (await this.users.findOneBy({ id: claimed.userId }));
    if (!user || user.disabled) {
      return this.deny(context, req, ErrorCode.Unauthenticated, 'Sign in to continue: the access token is missing, invalid or expired');
    }
    req.principal = { userId: user.id, role: user.role };
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    if (!allowed.includes(user.role)) {
      return this.deny(context, req, ErrorCode.Forbidden, `The ${user.role} role may not do this`);
    }
    return true;
  }

  private async deny(context: ExecutionContext, req: KetaRequest, code: ErrorCode, message: string): Promise<never> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDITED, context.getHandler());
    if (spec) {
      const resourceId = typeof req.params?.id === 'string' ? req.params.id : null;
      await this.trail.record(req, { ...spec, resourceId, outcome: 'denied', errorCode: code });
    }
    throw new DomainError(code, message);
  }
}

function bearerToken(req: KetaRequest): string | undefined {
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}
