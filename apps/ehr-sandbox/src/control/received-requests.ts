import type { FaultKind } from './fault-plan';

/** What the FHIR endpoint received: metadata only, never a body (bodies are PHI). */
export interface ReceivedRequest {
  method: string;
  /** After the FHIR base, without the query: `/`, `/Patient/123`. */
  path: string;
  /** Only for a Bundle: transaction, batch, ... */
  bundleType?: string;
  at: string;
  /** The fault injected into this request, if one was. */
  fault?: FaultKind;
}

/** The last `capacity` requests the FHIR endpoint received, oldest first. */
export class ReceivedRequests {
  private readonly entries: ReceivedRequest[] = [];

  constructor(private readonly capacity = 1000) {}

  record(entry: ReceivedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  list(): ReceivedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries.length = 0;
  }
}
