import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * FHIR answers the sandbox holds back on purpose: delayed by the configured latency, or never sent (a timeout:
 * the client gives up while the server has its data). `release`, on close, lets every delayed answer go and
 * destroys every never-answered socket, so no timer or socket outlives the server.
 */
export class HeldAnswers {
  private readonly stopping = new AbortController();
  private readonly unanswered = new Set<ServerResponse>();

  async delay(ms: number): Promise<void> {
    if (ms === 0 || this.stopping.signal.aborted) return;
    await sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }

  /** Never answers: settles when the client closes the connection, or when the sandbox closes it. */
  neverAnswer(res: ServerResponse): Promise<void> {
    const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
    if (this.stopping.signal.aborted) {
      res.destroy();
      return closed;
    }
    this.unanswered.add(res);
    return closed.finally(() => this.unanswered.delete(res));
  }

  release(): void {
    this.stopping.abort();
    for (const res of this.unanswered) res.destroy();
  }
}
