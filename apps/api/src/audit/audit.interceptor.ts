import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, mergeMap, throwError, catchError, type Observable } from 'rxjs';
import type { KetaRequest } from '../auth/principal';
import { toDomainError } from '../http/problem';
import { auditOutcomeOf } from './audit-outcome';
import { AuditTrail } from './audit-trail.service';
import { AUDITED, type AuditSpec } from './audited.decorator';

/** Records the outcome of every @Audited route once its handler (and its pipes) finished. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly trail: AuditTrail,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDITED, context.getHandler());
    if (!spec) return next.handle();
    const req = context.switchToHttp().getRequest<KetaRequest>();
    const paramId = typeof req.params?.id === 'string' ? req.params.id : undefined;
    return next.handle().pipe(
      mergeMap((result: unknown) => {
        const resourceId = paramId ?? idOf(result);
        return from(this.trail.record(req, { ...spec, resourceId, outcome: 'success' }).then(() => result));
      }),
      catchError((thrown: unknown) => {
        const error = toDomainError(thrown);
        const entry = { ...spec, resourceId: paramId, outcome: auditOutcomeOf(error), errorCode: error.code };
        return from(this.trail.record(req, entry)).pipe(mergeMap(() => throwError(() => thrown)));
      }),
    );
  }
}

function idOf(result: unknown): string | undefined {
  const id = (result as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}
