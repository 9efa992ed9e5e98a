import { UserEntity } from '@keta/db';
import type { AuditOutcome, SignIn } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import { auditOutcomeOf } from '../audit/audit-outcome';
import { UNUSABLE_HASH, verifyPassword } from './password-hasher';
import type { KetaRequest } from './principal';
import { SignInThrottle } from './sign-in-throttle.service';
import { TokenService, type IssuedToken } from './token.service';

/** Email and password in, a short-lived access token out; every attempt is throttled and audited. */
@Injectable()
export class SignInUseCase {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly throttle: SignInThrottle,
    private readonly tokens: TokenService,
    private readonly trail: AuditTrail,
  ) {}

  async execute({ email, password }: SignIn, req: KetaRequest): Promise<IssuedToken> {
    const ip = req.ip ?? 'unknown';
    const user = await this.users.findOneBy({ email });
    try {
      await this.throttle.take(`email:${email}`, ip);
      const matches = await verifyPassword(password, user?.passwordHash ?? UNUSABLE_HASH);
      if (!user || !matches || user.disabled) {
        throw new DomainError(ErrorCode.Unauthenticated, 'The email or password is not right');
      }
      await this.throttle.giveBack(`email:${email}`, ip);
      await this.audit(req, user, 'success');
      return await this.tokens.issue({ userId: user.id, role: user.role });
    } catch (thrown) {
      if (thrown instanceof DomainError) await this.audit(req, user, auditOutcomeOf(thrown), thrown.code);
      throw thrown;
    }
  }

  private audit(req: KetaRequest, user: UserEntity | null, outcome: AuditOutcome, errorCode?: string) {
    const actor = user ? { userId: user.id, role: user.role } : undefined;
    const entry = { action: 'sign-in', resourceType: 'session', resourceId: user?.id ?? null, actor } as const;
    return this.trail.record(req, { ...entry, outcome, errorCode: errorCode ?? null });
  }
}
