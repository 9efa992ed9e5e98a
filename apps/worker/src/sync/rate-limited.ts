/**
 * The EHR asked us to wait (429/503 with Retry-After). Not a failure: the queue pauses for that long and
 * the job goes back to wait without spending an attempt (sync-queues.service.ts).
 */
export class RateLimited extends Error {
  constructor(readonly waitMs: number) {
    super(`rate limited for ${waitMs} ms`);
    this.name = 'RateLimited';
  }
}
