import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import type { KetaRequest } from '../auth/principal';
import { toDomainError } from '../http/problem';
import { auditContext, type AuditContext } from './audit-context';
import { auditOutcomeOf } from './audit-outcome';
import { idOf } from './audited-change.service';
import { AuditTrail } from './audit-trail.service';
import { AUDITED, type AuditSpec } from './audited.decorator';

/**
 * Records the outcome of every @Audited route once its handler (and its pipes) finished. A change records its
 * success row itself, in its own transaction (AuditedChange); this records the rest: reads, refusals, failures.
 */
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
    const audit: AuditContext = { req, spec, paramId, recorded: false };
    // The handler runs inside the context, so that the transaction of the change it makes finds it.
    const handled = new Observable<unknown>((subscriber) => auditContext.run(audit, () => next.handle().subscribe(subscriber)));
    return handled.pipe(
      mergeMap((result: unknown) => {
        if (audit.recorded) return from([result]);
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
