import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';

const logger = new Logger('job-failure');

/**
 * What BullMQ keeps of a failure (its reason, shown to ops and in Bull Board) is a code: an EhrError's is one,
 * but a fault of ours (a database error quoting a value) may say what it should not. Such a failure is kept as
 * `internal_error`, and logged by its kind only.
 */
export function phiFreeFailure(job: Job, error: unknown): unknown {
  if (error instanceof Error && /^[A-Za-z0-9_.:-]{1,80}$/.test(error.message)) return error;
  logger.error(`Job ${job.name} ${job.id} failed: ${error instanceof Error ? error.name : typeof error} (internal_error)`);
  const kept = error instanceof UnrecoverableError ? new UnrecoverableError('internal_error') : new Error('internal_error');
  return Object.assign(kept, { errorClass: 'internal' });
}
