import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

const WINDOW_MS = 60_000;

/**
 * Referrals (and their letters and answers) counted per caller in fixed one-minute windows, so that one
 * account, or one EHR client gone wrong, cannot flood intake. Kept in this process's memory: it costs intake
 * no round trip (docs/PERFORMANCE.md) and it is a brake, not a lock; each API replica counts its own. Sign-in
 * attempts, which guard accounts, are counted in PostgreSQL across replicas (SignInThrottle).
 */
@Injectable()
export class IntakeRateLimit {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  get limit(): number {
    return this.config.INTAKE_MAX_PER_MINUTE;
  }

  /** Counts one more from the caller: answers the seconds to wait when it is over the limit, else undefined. */
  take(caller: string, now = Date.now()): number | undefined {
    const start = now - (now % WINDOW_MS);
    if (start !== this.windowStart) [this.windowStart, this.counts] = [start, new Map()];
    const count = (this.counts.get(caller) ?? 0) + 1;
    this.counts.set(caller, count);
    return count > this.limit ? Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) : undefined;
  }
}
