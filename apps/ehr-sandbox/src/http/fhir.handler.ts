import { getStatus, isOk } from '@medplum/core';
import type { HttpMethod } from '@medplum/fhir-router';
import type { CapabilityStatement, Resource } from '@medplum/fhirtypes';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessGate } from '../auth/bearer-check';
import type { FaultKind } from '../control/fault-plan';
import type { Faults } from '../control/faults';
import type { AuthRefused, ReceivedRequests } from '../control/received-requests';
import { capabilityStatement } from '../fhir/capability-statement';
import type { FhirService } from '../fhir/fhir.service';
import { isR4ResourceType } from '../fhir/resource-types';
import { readFhirBody, type FhirBody } from './fhir-body';
import type { HeldAnswers } from './held-answers';
import { throttled, transientError, unknownPath } from './outcomes';
import { requestOrigin } from './request-origin';
import { queryRecord, type RequestTarget } from './request-target';
import { sendFhir } from './send';

export const FHIR_BASE = '/fhir/R4';

interface Answer {
  status: number;
  resource: Resource;
  headers?: Record<string, string>;
}

/**
 * HTTP to Medplum's FhirRequest and back. Each request (but /metadata) first passes the access gate (a
 * refusal is answered at once, nothing drawn or stored), then draws its fault, if any: a drop,
 * an error or a rate limit is answered without processing; anything else is processed, recorded, then held for
 * the configured latency and written, in that order, so that a test sees what the server already has; a
 * timeout is processed and recorded, then never answered.
 */
export class FhirHandler {
  private readonly metadata: CapabilityStatement;

  constructor(
    private readonly fhir: FhirService,
    private readonly faults: Faults,
    private readonly gate: AccessGate,
    private readonly held: HeldAnswers,
    private readonly received: ReceivedRequests,
    private readonly baseUrl: string,
  ) {
    this.metadata = capabilityStatement(baseUrl);
  }

  async handle(req: IncomingMessage, res: ServerResponse, target: RequestTarget): Promise<void> {
    const method = (req.method ?? 'GET') as HttpMethod;
    const path = target.path.slice(FHIR_BASE.length) || '/';
    // The body is read even for a request about to fail: the client has sent it all, as with a real server.
    const body = await readFhirBody(req, path);
    const refusal = path === '/metadata' ? undefined : this.gate.refusal(req.headers.authorization, method, path, body.ok ? body.value : undefined);
    if (refusal) {
      this.record(method, path, body, undefined, String(refusal.status) as AuthRefused);
      return sendFhir(res, refusal.status, refusal.outcome, refusal.headers);
    }
    const fault = path === '/metadata' ? undefined : this.faults.draw();
    const record = () => this.record(method, path, body, fault);
    if (fault === 'drop' || fault === 'error' || fault === 'rate-limit') {
      const { retryAfterSeconds } = this.faults.current();
      record();
      await this.held.delay(this.faults.current().latencyMs);
      return refuse(res, fault, retryAfterSeconds);
    }
    const answer = body.ok
      ? await this.answer(req, method, path, target.query, body.value)
      : { status: body.status, resource: body.outcome };
    record();
    if (fault === 'timeout') return this.held.neverAnswer(res);
    await this.held.delay(this.faults.current().latencyMs);
    sendFhir(res, answer.status, answer.resource, answer.headers);
  }

  private record(method: HttpMethod, path: string, body: FhirBody, fault: FaultKind | undefined, auth?: AuthRefused): void {
    const at = new Date().toISOString();
    this.received.record({ method, path, ...bundleType(body.ok ? body.value : undefined), at, ...(fault && { fault }), ...(auth && { auth }) });
  }

  private async answer(req: IncomingMessage, method: HttpMethod, path: string, query: URLSearchParams, body: unknown): Promise<Answer> {
    const [first] = path.split('/').filter(Boolean);
    if (method === 'GET' && path === '/metadata') return { status: 200, resource: this.metadata };
    if (first && !isR4ResourceType(first) && !first.startsWith('$')) {
      return { status: 404, resource: unknownPath(`${FHIR_BASE}${path}`) };
    }
    const [outcome, resource] = await this.fhir.handle({
      method,
      url: path,
      pathname: '',
      params: {},
      query: queryRecord(query),
      body,
      headers: req.headers,
      config: { transactions: true },
    });
    const headers = resource && isOk(outcome) ? this.versionHeaders(req, method, path, resource) : undefined;
    return { status: getStatus(outcome), resource: resource ?? outcome, headers };
  }

  /** ETag for a single version read or written; Location for one written. */
  private versionHeaders(req: IncomingMessage, method: HttpMethod, path: string, resource: Resource): Record<string, string> | undefined {
    const versionId = resource.meta?.versionId;
    const interaction = this.fhir.interaction(method, path);
    if (!versionId || !resource.id) return undefined;
    const etag = `W/"${versionId}"`;
    if (interaction === 'read' || interaction === 'vread') return { etag };
    if (interaction !== 'create' && interaction !== 'update' && interaction !== 'patch') return undefined;
    const base = `${requestOrigin(req, new URL(this.baseUrl).origin)}${FHIR_BASE}`;
    return { etag, location: `${base}/${resource.resourceType}/${resource.id}/_history/${versionId}` };
  }
}

/** The faults that stop a request before it is processed: nothing of it is stored. */
function refuse(res: ServerResponse, fault: Exclude<FaultKind, 'timeout'>, retryAfterSeconds: number): void {
  switch (fault) {
    case 'drop':
      res.destroy();
      return;
    case 'error':
      return sendFhir(res, 503, transientError);
    case 'rate-limit':
      return sendFhir(res, 429, throttled, { 'retry-after': String(retryAfterSeconds) });
  }
}

function bundleType(body: unknown): { bundleType?: string; entries?: number } {
  const resource = body as { resourceType?: unknown; type?: unknown; entry?: unknown } | undefined;
  if (resource?.resourceType !== 'Bundle' || typeof resource.type !== 'string') return {};
  return { bundleType: resource.type, ...(Array.isArray(resource.entry) ? { entries: resource.entry.length } : {}) };
}
