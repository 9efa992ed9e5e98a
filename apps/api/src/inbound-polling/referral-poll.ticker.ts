import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { ReferralPoller } from './referral-poller.service';

/**
 * Every INBOUND_POLL_TICK_MS, polls the connections due (0: never, in this process). A tick does not start
 * while the last one runs; every replica ticks, the row locks decide who polls what.
 */
@Injectable()
export class ReferralPollTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReferralPollTicker.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly poller: ReferralPoller,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.INBOUND_POLL_TICK_MS === 0) return;
    this.timer = setInterval(() => this.tick(), this.config.INBOUND_POLL_TICK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.poller
      .pollDue()
      .catch((error: unknown) => this.logger.error({ error: (error as Error).name }, 'A referral poll tick failed'))
      .finally(() => (this.running = undefined));
  }
}
