import { EhrConnectionEntity } from '@keta/db';
import { EhrError } from '@keta/ehr-client';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { claimPoll, ensurePollRows, finishPoll, readPoll, type PollTally } from './inbound-poll.store';
import { ReferralPollService, type PollingConnection } from './referral-poll.service';

const POLL_FAILED = 'poll_failed';
const emptyTally = (): PollTally => ({ received: 0, refused: 0, lastRefusalCode: null, held: 0 });

/** Connections polled per tick at most, so one tick cannot run on for ever; the rest are due at the next. */
const CONNECTIONS_PER_TICK = 20;

/**
 * Polls connections for referrals, one at a time. Each poll runs inside a transaction holding its connection's
 * inbound_poll row FOR UPDATE (SKIP LOCKED elsewhere): a row lock, unlike a session advisory lock, cannot
 * outlive its poll on a pooled connection, and the watermark is written under the same lock. A crash rolls the
 * watermark back, so the next poll reads those pages again: the intake's key makes that harmless.
 */
@Injectable()
export class ReferralPoller {
  private readonly logger = new Logger(ReferralPoller.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly poll: ReferralPollService,
  ) {}

  /** Polls every connection due; answers how many it polled. */
  async pollDue(): Promise<number> {
    await ensurePollRows(this.db.manager);
    let polled = 0;
    while (polled < CONNECTIONS_PER_TICK && (await this.pollOne())) polled++;
    return polled;
  }

  /** Polls this connection now, due or not (unless another replica is polling it); false if it does not poll. */
  async pollNow(connectionId: string): Promise<boolean> {
    await ensurePollRows(this.db.manager);
    return this.pollOne(connectionId);
  }

  private async pollOne(connectionId?: string): Promise<boolean> {
    let claimed: PollingConnection | undefined;
    try {
      return await this.db.transaction(async (tx) => {
        const id = await claimPoll(tx, connectionId);
        if (!id) return false;
        claimed = (await tx.getRepository(EhrConnectionEntity).findOneByOrFail({ id })) as PollingConnection;
        await this.pollClaimed(tx, claimed);
        return true;
      });
    } catch (error) {
      if (!claimed) throw error;
      // The poll's transaction failed and rolled back whole: recorded and due again later, so that one
      // connection's fault does not keep it first in line at every tick, ahead of all the others.
      this.logger.warn({ connectionId: claimed.id, code: POLL_FAILED, error: (error as Error).name }, 'Polling for referrals failed');
      await finishPoll(this.db.manager, claimed.id, emptyTally(), claimed.pollReferrals.everySeconds, POLL_FAILED);
      return true;
    }
  }

  private async pollClaimed(tx: EntityManager, connection: PollingConnection): Promise<void> {
    const state = await readPoll(tx, connection.id);
    const tally = emptyTally();
    let errorCode: string | null = null;
    try {
      await this.poll.run(tx, connection, { at: state?.watermark ?? null, seen: new Set(state?.seenAtWatermark) }, tally);
    } catch (error) {
      errorCode = error instanceof EhrError ? error.code : POLL_FAILED;
      // The code and the error's kind only: an EHR's answer, or a message about it, may hold PHI.
      this.logger.warn({ connectionId: connection.id, code: errorCode, error: (error as Error).name }, 'Polling for referrals failed');
    }
    await finishPoll(tx, connection.id, tally, connection.pollReferrals.everySeconds, errorCode);
    if (tally.received || tally.refused || tally.held) this.logger.log({ connectionId: connection.id, ...tally }, 'Polled for referrals');
  }
}
