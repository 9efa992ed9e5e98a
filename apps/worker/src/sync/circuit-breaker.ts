import type { CircuitState } from '@keta/queue-contracts';

/** What the breaker does to a connection's queue: pause it, or let it run again. */
export interface Breakable {
  pause(): Promise<void>;
  resume(): Promise<void>;
}

export type { CircuitState };

/**
 * One EHR connection's circuit. After `threshold` failed syncs in a row it opens: the queue pauses, so an
 * EHR that is down is not hammered (nor its jobs' attempts spent). After `cooldownMs` it half-opens: the
 * queue runs again, and the next outcome decides: a success closes it, a failure opens it again at once.
 */
export class CircuitBreaker {
  private failures = 0;
  private state: CircuitState = 'closed';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queue: Breakable,
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly onChange: (state: CircuitState) => void = () => undefined,
  ) {}

  current(): CircuitState {
    return this.state;
  }

  succeeded(): void {
    this.failures = 0;
    if (this.state === 'half-open') this.set('closed');
  }

  async failed(): Promise<void> {
    this.failures += 1;
    if (this.state === 'open' || (this.state === 'closed' && this.failures < this.threshold)) return;
    this.set('open');
    await this.queue.pause();
    this.timer = setTimeout(() => void this.probe(), this.cooldownMs);
  }

  /** Stops the probe timer (on shutdown). */
  stop(): void {
    clearTimeout(this.timer);
  }

  private async probe(): Promise<void> {
    this.set('half-open');
    await this.queue.resume().catch(() => this.set('open'));
  }

  private set(state: CircuitState): void {
    this.state = state;
    this.onChange(state);
  }
}
