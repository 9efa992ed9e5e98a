import { eventually } from '@keta/lifecycle/testing';
import type { Bundle } from '@medplum/fhirtypes';
import type { RunningSandbox } from '../src/start-sandbox';
import { DEFAULT_FAULT_SETTINGS } from '../src/control/fault-settings';
import type { ReceivedRequest } from '../src/control/received-requests';
import { patient, sandboxClient, startTestSandbox, uniqueSystem, type SandboxClient } from './sandbox-client';

describe('faults and what the sandbox received', () => {
  let sandbox: RunningSandbox;
  let fhir: SandboxClient;
  const received = async () => (await fhir.get<{ received: ReceivedRequest[] }>('/$sandbox/requests')).body.received;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    fhir = sandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());
  afterEach(() => fhir.put('/$sandbox/faults', { latencyMs: 0 }));

  it('holds an answer after storing its data, so a client can die while the server already has it', async () => {
    expect((await fhir.put('/$sandbox/faults', { latencyMs: 600_000 })).body).toEqual({ ...DEFAULT_FAULT_SETTINGS, latencyMs: 600_000 });
    expect((await fhir.get('/$sandbox/faults')).body).toEqual({ ...DEFAULT_FAULT_SETTINGS, latencyMs: 600_000 });
    await fhir.delete('/$sandbox/requests');
    const system = uniqueSystem();
    const client = new AbortController();
    let settled = false;
    const pending = fhir
      .post('/Patient', patient([{ system, value: 'held' }]), { signal: client.signal })
      .then(
        () => 'answered',
        () => 'aborted',
      )
      .finally(() => (settled = true));

    const [entry] = await eventually(received, (list) => list.length > 0);
    expect(entry).toMatchObject({ method: 'POST', path: '/Patient' });
    expect(settled).toBe(false);

    client.abort();
    expect(await pending).toBe('aborted');
    await fhir.put('/$sandbox/faults', { latencyMs: 0 });
    expect((await fhir.searchIds('Patient', `identifier=${system}|held`)).total).toBe(1);
  });

  it('records method, path, Bundle type and size and time of each FHIR request, never its body, keeping the last 1000', async () => {
    await fhir.delete('/$sandbox/requests');
    const entry = [{ resource: patient([], 'Privatename'), request: { method: 'POST', url: 'Patient' } }];
    await fhir.post('/', { resourceType: 'Bundle', type: 'transaction', entry });
    await fhir.get('/Patient?name=Privatename');
    const list = await received();
    expect(list).toEqual([
      { method: 'POST', path: '/', bundleType: 'transaction', entries: 1, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      { method: 'GET', path: '/Patient', at: expect.any(String) },
    ]);
    expect(JSON.stringify(list)).not.toContain('Privatename');

    for (let i = 0; i < 1001; i++) await fhir.get('/Patient/none');
    const capped = await received();
    expect(capped).toHaveLength(1000);
    expect(capped.every((r) => r.path === '/Patient/none')).toBe(true);
    expect((await fhir.get('/$sandbox/requests')).body).toMatchObject({ totals: { requests: 1003, bundleEntries: 1 } });

    expect((await fhir.delete('/$sandbox/requests')).status).toBe(204);
    expect(await received()).toEqual([]);
  });

  it('answers every setting, defaults filled in, and a PUT replaces them all', async () => {
    const settings = { latencyMs: 5, dropRate: 0.1, errorRate: 0.2, rateLimitRate: 0.3, timeoutRate: 0.4, retryAfterSeconds: 30, seed: 7 };
    expect(await fhir.put('/$sandbox/faults', settings)).toMatchObject({ status: 200, body: settings });
    expect((await fhir.get('/$sandbox/faults')).body).toEqual(settings);
    expect((await fhir.put('/$sandbox/faults', { errorRate: 0.5 })).body).toEqual({ ...DEFAULT_FAULT_SETTINGS, errorRate: 0.5 });
    expect((await fhir.get('/$sandbox/faults')).body).toEqual({
      latencyMs: 0,
      dropRate: 0,
      errorRate: 0.5,
      rateLimitRate: 0,
      timeoutRate: 0,
      retryAfterSeconds: 1,
    });
  });

  it.each<unknown>([
    { latencyMs: -1 },
    { latencyMs: 600_001 },
    { latencyMs: 'slow' },
    { latency: 5 },
    [],
    { dropRate: 0.5, errorRate: 0.3, rateLimitRate: 0.2, timeoutRate: 0.1 },
    { errorRate: -0.1 },
    { rateLimitRate: 2 },
    { timeoutRate: '0.5' },
    { errorRate: null },
    { retryAfterSeconds: 3601 },
    { retryAfterSeconds: 0.5 },
    { seed: -1 },
    { seed: 'repeatable' },
    { errorRate: 0.1, flakiness: 1 },
    'not json',
  ])('refuses the fault settings %j and keeps those in force', async (settings) => {
    const inForce = { ...DEFAULT_FAULT_SETTINGS, errorRate: 0.25, seed: 3 };
    await fhir.put('/$sandbox/faults', inForce);
    const { status, body } = await fhir.put<{ error: string }>('/$sandbox/faults', settings);
    expect(status).toBe(400);
    expect(body.error).toEqual(expect.any(String));
    expect((await fhir.get('/$sandbox/faults')).body).toEqual(inForce);
  });

  it.each([{ latencyMs: 600_000 }, { errorRate: 1 }, { dropRate: 1 }, { timeoutRate: 1 }])(
    'does not fault answers that are not FHIR (%j)',
    async (settings) => {
      await fhir.put('/$sandbox/faults', settings);
      expect((await fhir.get('/health/live')).status).toBe(200);
      expect((await fhir.get<Bundle>('/$sandbox/requests')).status).toBe(200);
      expect((await fhir.get('/$sandbox/faults')).body).toMatchObject(settings);
    },
  );

  it('answers only GET and PUT on settings, and 404 elsewhere under /$sandbox', async () => {
    expect((await fhir.delete('/$sandbox/faults')).status).toBe(405);
    expect((await fhir.delete('/$sandbox/rules')).status).toBe(405);
    expect((await fhir.put('/$sandbox/requests', {})).status).toBe(405);
    expect((await fhir.get('/$sandbox/nothing')).status).toBe(404);
  });
});
