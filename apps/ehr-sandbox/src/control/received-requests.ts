import type { FaultKind } from './fault-plan';

/** A request refused at the door: no or a bad token (401), or scopes that do not allow it (403). */
export type AuthRefused = '401' | '403';

/** What the FHIR endpoint received: metadata only, never a body (bodies are PHI). */
export interface ReceivedRequest {
  method: string;
  /** After the FHIR base, without the query: `/`, `/Patient/123`. */
  path: string;
  /** Only for a Bundle: transaction, batch, ... */
  bundleType?: string;
  /** Only for a Bundle: how many entries it held. */
  entries?: number;
  at: string;
  /** The fault injected into this request, if one was. */
  fault?: FaultKind;
  /** Set when the request was refused for authorization; the token itself is never recorded. */
  auth?: AuthRefused;
}

/** The last `capacity` requests the FHIR endpoint received, oldest first, and how many there were in all. */
export class ReceivedRequests {
  private readonly entries: ReceivedRequest[] = [];
  private counted = { requests: 0, bundleEntries: 0 };

  constructor(private readonly capacity = 1000) {}

  record(entry: ReceivedRequest): void {
    this.counted = { requests: this.counted.requests + 1, bundleEntries: this.counted.bundleEntries + (entry.entries ?? 0) };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  list(): ReceivedRequest[] {
    return [...this.entries];
  }

  /** Since the last clear: every request, and the entries of every Bundle among them. */
  totals(): { requests: number; bundleEntries: number } {
    return { ...this.counted };
  }

  clear(): void {
    this.counted = { requests: 0, bundleEntries: 0 };
    this.entries.length = 0;
  }
}
