import type { OperationOutcome } from '@medplum/fhirtypes';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { TokenEndpoint } from '../src/auth/token-endpoint';
import type { SandboxControlHandler } from '../src/control/sandbox-control.handler';
import type { FhirHandler } from '../src/http/fhir.handler';
import { sandboxListener } from '../src/http/sandbox.server';

describe('an unexpected error', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    const failing = { handle: () => Promise.reject(new Error('secret detail of the failure')) };
    const listener = sandboxListener({
      fhir: failing as unknown as FhirHandler,
      control: failing as unknown as SandboxControlHandler,
      token: failing as unknown as TokenEndpoint,
      origin: 'http://127.0.0.1',
      logger: pino({ level: 'silent' }),
    });
    server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each(['/fhir/R4/Patient', '/$sandbox/faults', '/auth/token'])('at %s answers 500 with an OperationOutcome that tells nothing of it', async (path) => {
    const res = await fetch(origin + path);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    const text = await res.text();
    expect((JSON.parse(text) as OperationOutcome).issue?.[0]).toMatchObject({ code: 'exception', details: { text: 'Internal server error' } });
    expect(text).not.toContain('secret detail');
    expect(text).not.toContain('.ts:');
  });
});
