import type { Bundle, Identifier, Patient, Resource } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox';

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** A sandbox on a free port, quiet, for one test file. */
export function startTestSandbox(): Promise<RunningSandbox> {
  return startSandbox({ host: '127.0.0.1', port: 0, latencyMs: 0, logLevel: 'silent' });
}

/** Plain fetch against a running sandbox; `path` is relative to the FHIR base unless it starts at the root. */
export function sandboxClient(sandbox: RunningSandbox) {
  const origin = new URL(sandbox.baseUrl).origin;
  const url = (path: string) => (path.startsWith('/$sandbox') || path.startsWith('/health') ? origin + path : sandbox.baseUrl + path);
  async function send<T>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<Answer<T>> {
    const res = await fetch(url(path), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/fhir+json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }
  return {
    get: <T = Resource>(path: string) => send<T>('GET', path),
    post: <T = Resource>(path: string, body: unknown, init?: RequestInit) => send<T>('POST', path, body, init),
    put: <T = Resource>(path: string, body: unknown) => send<T>('PUT', path, body),
    delete: <T = Resource>(path: string) => send<T>('DELETE', path),
    /** The ids a search finds, sorted, and the total it reports. */
    async searchIds(resourceType: string, query: string): Promise<{ ids: string[]; total: number | undefined }> {
      const { body } = await send<Bundle>('GET', `/${resourceType}?${query}`);
      return { ids: (body.entry ?? []).map((e) => e.resource?.id ?? '').sort(), total: body.total };
    },
  };
}

export type SandboxClient = ReturnType<typeof sandboxClient>;

/** A system of this test's own, so files and tests never see each other's records. */
export function uniqueSystem(): string {
  return `urn:keta:test:${randomUUID()}`;
}

export function patient(identifier: Identifier[], family = 'Testperson'): Patient {
  return { resourceType: 'Patient', identifier, name: [{ family, given: ['Ada'] }], gender: 'female', birthDate: '1980-02-03' };
}
