import { badRequest } from '@medplum/core';
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { IncomingMessage } from 'node:http';
import { readBody } from './request-body';
import { queryRecord } from './request-target';

export const FHIR_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

const JSON_TYPES = new Set(['application/fhir+json', 'application/json', 'application/json-patch+json']);

export type FhirBody = { ok: true; value: unknown } | { ok: false; status: number; outcome: OperationOutcome };

/** A FHIR request's body: JSON, or a form for `POST [type]/_search` (search by POST). */
export async function readFhirBody(req: IncomingMessage, path: string): Promise<FhirBody> {
  const raw = await readBody(req, FHIR_BODY_LIMIT_BYTES);
  if (raw === 'too-large') return refuse(413, `Request body is larger than ${FHIR_BODY_LIMIT_BYTES} bytes`);
  const search = req.method === 'POST' && path.endsWith('/_search');
  if (raw.length === 0) {
    return req.method === 'PUT' || req.method === 'PATCH' || (req.method === 'POST' && !search)
      ? refuse(400, 'Request body is missing')
      : { ok: true, value: undefined };
  }
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (search && type === 'application/x-www-form-urlencoded') {
    return { ok: true, value: queryRecord(new URLSearchParams(raw.toString('utf8'))) };
  }
  if (type && !JSON_TYPES.has(type)) return refuse(415, `Unsupported content type ${type}: send application/fhir+json`);
  return parseJson(raw.toString('utf8'));
}

function parseJson(text: string): FhirBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the body, which may be PHI.
    return refuse(400, 'Request body is not valid JSON');
  }
  return typeof value === 'object' && value !== null ? { ok: true, value } : refuse(400, 'Request body must be a JSON object');
}

function refuse(status: number, details: string): FhirBody {
  return { ok: false, status, outcome: badRequest(details) };
}
