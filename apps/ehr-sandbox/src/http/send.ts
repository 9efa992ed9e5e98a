import type { Resource } from '@medplum/fhirtypes';
import type { ServerResponse } from 'node:http';

export function sendFhir(res: ServerResponse, status: number, resource: Resource, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/fhir+json; charset=utf-8' }).end(JSON.stringify(resource));
}

export function sendJson(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
