import { eventually } from '@keta/lifecycle/testing';
import type { Bundle } from '@medplum/fhirtypes';
import type { RunningSandbox } from '../src/start-sandbox';
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
    expect((await fhir.put('/$sandbox/faults', { latencyMs: 600_000 })).body).toEqual({ latencyMs: 600_000 });
    expect((await fhir.get('/$sandbox/faults')).body).toEqual({ latencyMs: 600_000 });
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

  it('records method, path, Bundle type and time of each FHIR request, never its body, keeping the last 1000', async () => {
    await fhir.delete('/$sandbox/requests');
    const entry = [{ resource: patient([], 'Privatename'), request: { method: 'POST', url: 'Patient' } }];
    await fhir.post('/', { resourceType: 'Bundle', type: 'transaction', entry });
    await fhir.get('/Patient?name=Privatename');
    const list = await received();
    expect(list).toEqual([
      { method: 'POST', path: '/', bundleType: 'transaction', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      { method: 'GET', path: '/Patient', at: expect.any(String) },
    ]);
    expect(JSON.stringify(list)).not.toContain('Privatename');

    for (let i = 0; i < 1001; i++) await fhir.get('/Patient/none');
    const capped = await received();
    expect(capped).toHaveLength(1000);
    expect(capped.every((r) => r.path === '/Patient/none')).toBe(true);

    expect((await fhir.delete('/$sandbox/requests')).status).toBe(204);
    expect(await received()).toEqual([]);
  });

  it.each([{ latencyMs: -1 }, { latencyMs: 600_001 }, { latencyMs: 'slow' }, { latency: 5 }, []])(
    'refuses the fault settings %j',
    async (settings) => {
      const { status, body } = await fhir.put<{ error: string }>('/$sandbox/faults', settings);
      expect(status).toBe(400);
      expect(body.error).toEqual(expect.any(String));
      expect((await fhir.get('/$sandbox/faults')).body).toEqual({ latencyMs: 0 });
    },
  );

  it('does not hold answers that are not FHIR', async () => {
    await fhir.put('/$sandbox/faults', { latencyMs: 600_000 });
    expect((await fhir.get('/health/live')).status).toBe(200);
    expect((await fhir.get<Bundle>('/$sandbox/requests')).status).toBe(200);
  });
});
