import { ErrorCode } from '@keta/errors';
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toDomainError } from './problem';
import { sendProblem } from './send-problem';

/**
 * The edge: every error leaves through sendProblem (problem+json, or an OperationOutcome under /fhir/).
 * Only our own failures are logged as errors.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const error = toDomainError(exception);
    if (error.code === ErrorCode.Internal) this.logger.error(describeFailure(exception));
    sendProblem(http.getResponse<Response>(), error, String(req.id ?? ''));
  }
}

/** Name, code and stack only: driver errors carry row values in other fields. */
function describeFailure(exception: unknown): Record<string, unknown> {
  if (!(exception instanceof Error)) return { err: { type: typeof exception } };
  const code = (exception as { code?: unknown }).code;
  return { err: { type: exception.name, code, message: exception.message, stack: exception.stack } };
}
