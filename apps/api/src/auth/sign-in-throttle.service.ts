import { DomainError, ErrorCode } from '@keta/errors';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

/** Whose attempts are counted: a user's email at sign-in, an EHR client's id at the token endpoint. */
export type ThrottledAccount = `email:${string}` | `client:${string}`;

interface Hit {
  attempts: number;
  retryAfter: number;
}

/**
 * Failed sign-ins counted per account (email or EHR client) and per IP in fixed windows, in PostgreSQL so
 * every replica shares them. An attempt is counted before the password (or client assertion) is checked, so
 * parallel guesses cannot slip through, and given back when it succeeds.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async take(account: ThrottledAccount, ip: string): Promise<void> {
    const [byAccount, byIp] = [await this.hit(account), await this.hit(`ip:${ip}`)];
    const over = [
      byAccount.attempts > this.config.SIGN_IN_MAX_ATTEMPTS ? byAccount : undefined,
      byIp.attempts > this.config.SIGN_IN_MAX_ATTEMPTS_PER_IP ? byIp : undefined,
    ].filter((hit) => hit !== undefined);
    if (over.length) {
      const retryAfter = Math.max(...over.map((hit) => hit.retryAfter));
      throw new DomainError(ErrorCode.RateLimited, 'Too many sign-in attempts; try again later', [], retryAfter);
    }
  }

  async giveBack(account: ThrottledAccount, ip: string): Promise<void> {
    await this.db.query(
      `UPDATE sign_in_throttle SET attempts = attempts - 1
        WHERE key = ANY($1) AND window_start = ${WINDOW_START} AND attempts > 0`,
      [[account, `ip:${ip}`], this.config.SIGN_IN_WINDOW_SECONDS],
    );
    await this.db.query(`DELETE FROM sign_in_throttle WHERE window_start < now() - make_interval(secs => $1)`, [
      this.config.SIGN_IN_WINDOW_SECONDS,
    ]);
  }

  private async hit(key: string): Promise<Hit> {
    const rows: Array<{ attempts: number; retry_after: number }> = await this.db.query(
      `INSERT INTO sign_in_throttle (key, window_start, attempts) VALUES ($1, ${WINDOW_START}, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET attempts = sign_in_throttle.attempts + 1
       RETURNING attempts,
         ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry_after`,
      [key, this.config.SIGN_IN_WINDOW_SECONDS],
    );
    const row = rows[0];
    if (!row) throw new Error('sign_in_throttle upsert returned no row');
    return { attempts: row.attempts, retryAfter: Math.max(1, row.retry_after) };
  }
}

/** The start of the current window of $2 seconds. */
const WINDOW_START = `to_timestamp(floor(extract(epoch FROM now()) / $2) * $2)`;
