import { FhirRouter, type FhirRequest, type FhirResponse, type HttpMethod, type RestInteraction } from '@medplum/fhir-router';
import { SandboxRepository } from './sandbox.repository';
import type { WriteRules } from './write-validation';

/**
 * Medplum's FhirRouter over the sandbox repository, one request at a time. The data is in memory, so this
 * costs no throughput, and it is what lets a transaction's undo journal hold only that transaction's writes.
 */
export class FhirService {
  private readonly router = new FhirRouter();
  private readonly repo: SandboxRepository;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(rules?: WriteRules) {
    this.repo = new SandboxRepository(rules);
  }

  handle(request: FhirRequest): Promise<FhirResponse> {
    const turn = this.queue.then(() => this.router.handleRequest(request, this.repo));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** What the router would do with this request: create, update, read, ... */
  interaction(method: HttpMethod, url: string): RestInteraction | undefined {
    return this.router.find(method, url)?.data?.interaction;
  }
}
