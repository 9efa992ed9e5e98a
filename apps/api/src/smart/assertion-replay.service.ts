import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * Each client assertion buys one token: its jti is stored per client until the assertion would have expired
 * anyway, and a second use is refused. The primary key settles a race between two replicas; rows past their
 * expiry are pruned as we go, so the table holds at most a few minutes of assertions.
 */
@Injectable()
export class AssertionReplayService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** True the first time this client spends this jti, false ever after. */
  async spend(clientId: string, jti: string, replayableUntil: Date): Promise<boolean> {
    await this.db.query(`DELETE FROM client_assertion_jti WHERE expires_at < now()`);
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO client_assertion_jti (client_id, jti, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (client_id, jti) DO NOTHING RETURNING jti`,
      [clientId, jti, replayableUntil],
    );
    return inserted.length === 1;
  }
}
