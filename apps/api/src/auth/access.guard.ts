import { EhrClientEntity, UserEntity } from '@keta/db';
import { intersectSmartScopes, parseSmartScopes, smartScopesAllow, type Role } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import { AUDITED, type AuditSpec } from '../audit/audited.decorator';
import { ALLOWED_ROLES, FHIR_SCOPE, INTAKE_LIMITED, PUBLIC_ROUTE, type FhirScopeSpec } from './access.decorators';
import { IntakeRateLimit } from './intake-rate-limit';
import type { ClientPrincipal, KetaRequest } from './principal';
import { TokenService } from './token.service';

const SIGN_IN_AGAIN = 'Sign in to continue: the access token is missing, invalid or expired';

/**
 * Deny by default: a route runs only if it is @Public(), the caller's current role is in its @Roles(), or
 * the caller is an EHR client whose current scopes include the route's @FhirScope(). Users and clients are
 * read from the database, so disabling one, or changing a role or a client's scopes, takes effect at once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly trail: AuditTrail,
    private readonly intake: IntakeRateLimit,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(EhrClientEntity) private readonly clients: Repository<EhrClientEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<KetaRequest>();
    const claimed = await this.tokens.verify(bearerToken(req) ?? '');
    if (claimed?.role === 'ehr-client') return this.admitClient(context, req, claimed);
    const user = claimed && (await this.users.findOneBy({ id: claimed.userId }));
    if (!user || user.disabled) return this.deny(context, req, ErrorCode.Unauthenticated, SIGN_IN_AGAIN);
    req.principal = { userId: user.id, role: user.role };
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    if (!allowed.includes(user.role)) {
      return this.deny(context, req, ErrorCode.Forbidden, `The ${user.role} role may not do this`);
    }
    return this.withinIntakeLimit(context, req, `user:${user.id}`);
  }

  /** A client holds what its token was granted and its registration still allows; only @FhirScope routes admit it. */
  private async admitClient(context: ExecutionContext, req: KetaRequest, claimed: ClientPrincipal): Promise<boolean> {
    const client = await this.clients.findOneBy({ id: claimed.clientId });
    if (!client?.enabled) return this.deny(context, req, ErrorCode.Unauthenticated, SIGN_IN_AGAIN);
    const scopes = intersectSmartScopes(claimed.scopes, parseSmartScopes(client.scopes));
    req.ehrClient = { ...claimed, scopes };
    const needed = this.reflector.getAllAndOverride<FhirScopeSpec | undefined>(FHIR_SCOPE, [context.getHandler(), context.getClass()]);
    if (!needed) return this.deny(context, req, ErrorCode.Forbidden, 'The ehr-client role may not do this');
    if (!smartScopesAllow(scopes, needed.type, needed.permission)) {
      const scope = `system/${needed.type}.${needed.permission}`;
      return this.deny(context, req, ErrorCode.Forbidden, `This client's token lacks the scope ${scope} (or system/*.${needed.permission})`);
    }
    return this.withinIntakeLimit(context, req, `client:${client.id}`);
  }

  /** An admitted caller past their intake limit is refused (429, Retry-After) and the refusal audited. */
  private async withinIntakeLimit(context: ExecutionContext, req: KetaRequest, caller: string): Promise<boolean> {
    if (!this.reflector.get<boolean | undefined>(INTAKE_LIMITED, context.getHandler())) return true;
    const retryAfter = this.intake.take(caller);
    if (retryAfter === undefined) return true;
    return this.deny(context, req, ErrorCode.RateLimited, `Too many referrals sent in a minute (the limit is ${this.intake.limit}); try again in ${retryAfter} s`, retryAfter);
  }

  private async deny(context: ExecutionContext, req: KetaRequest, code: ErrorCode, message: string, retryAfter?: number): Promise<never> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDITED, context.getHandler());
    if (spec) {
      const resourceId = typeof req.params?.id === 'string' ? req.params.id : null;
      await this.trail.record(req, { ...spec, resourceId, outcome: 'denied', errorCode: code });
    }
    throw new DomainError(code, message, [], retryAfter);
  }
}

function bearerToken(req: KetaRequest): string | undefined {
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}
