import { getStatus, isOk } from '@medplum/core';
import type { HttpMethod } from '@medplum/fhir-router';
import type { CapabilityStatement, Resource } from '@medplum/fhirtypes';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from '../control/faults';
import type { ReceivedRequests } from '../control/received-requests';
import { capabilityStatement } from '../fhir/capability-statement';
import type { FhirService } from '../fhir/fhir.service';
import { isR4ResourceType } from '../fhir/resource-types';
import { readFhirBody } from './fhir-body';
import { unknownPath } from './outcomes';
import { queryRecord, type RequestTarget } from './request-target';
import { sendFhir } from './send';

export const FHIR_BASE = '/fhir/R4';

interface Answer {
  status: number;
  resource: Resource;
  headers?: Record<string, string>;
}

/**
 * HTTP to Medplum's FhirRequest and back. Each answer is recorded once processed, then held for the
 * configured latency, then written: in that order, so that a test sees what the server already has.
 */
export class FhirHandler {
  private readonly metadata: CapabilityStatement;

  constructor(
    private readonly fhir: FhirService,
    private readonly faults: Faults,
    private readonly received: ReceivedRequests,
    private readonly baseUrl: string,
  ) {
    this.metadata = capabilityStatement(baseUrl);
  }

  async handle(req: IncomingMessage, res: ServerResponse, target: RequestTarget): Promise<void> {
    const method = (req.method ?? 'GET') as HttpMethod;
    const path = target.path.slice(FHIR_BASE.length) || '/';
    const body = await readFhirBody(req, path);
    const answer = body.ok
      ? await this.answer(req, method, path, target.query, body.value)
      : { status: body.status, resource: body.outcome };
    this.received.record({ method, path, ...bundleType(body.ok ? body.value : undefined), at: new Date().toISOString() });
    await this.faults.hold();
    sendFhir(res, answer.status, answer.resource, answer.headers);
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
    // The Host the client used: behind a container's 0.0.0.0 the bound address would not reach us.
    const base = req.headers.host ? `http://${req.headers.host}${FHIR_BASE}` : this.baseUrl;
    return { etag, location: `${base}/${resource.resourceType}/${resource.id}/_history/${versionId}` };
  }
}

function bundleType(body: unknown): { bundleType?: string } {
  const resource = body as { resourceType?: unknown; type?: unknown } | undefined;
  return resource?.resourceType === 'Bundle' && typeof resource.type === 'string' ? { bundleType: resource.type } : {};
}
