/** What the FHIR endpoint received: metadata only, never a body (bodies are PHI). */
export interface ReceivedRequest {
  method: string;
  /** After the FHIR base, without the query: `/`, `/Patient/123`. */
  path: string;
  /** Only for a Bundle: transaction, batch, ... */
  bundleType?: string;
  at: string;
}

/** The last `capacity` requests the FHIR endpoint processed, oldest first. */
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
