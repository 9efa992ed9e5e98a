import { eventually } from '@keta/lifecycle/testing';
import type { CapabilityStatement, OperationOutcome } from '@medplum/fhirtypes';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReceivedRequest } from '../src/control/received-requests';
import type { RunningSandbox } from '../src/start-sandbox';
import { patient, sandboxClient, startTestSandbox, uniqueSystem, type SandboxClient } from './sandbox-client';

/** Each fault as a client sees it, and whether the sandbox kept the data: the sync engine's hard cases. */
describe('injected faults', () => {
  let sandbox: RunningSandbox;
  let fhir: SandboxClient;
  const received = async () => (await fhir.get<{ received: ReceivedRequest[] }>('/$sandbox/requests')).body.received;
  const stored = async (system: string) => (await fhir.searchIds('Patient', `identifier=${system}|`)).total;
  const faults = (settings: object) => fhir.put('/$sandbox/faults', settings);

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    fhir = sandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => fhir.delete('/$sandbox/requests'));
  afterEach(() => faults({}));

  it('answers 503 with a transient OperationOutcome before processing: nothing is stored', async () => {
    await faults({ errorRate: 1 });
    const system = uniqueSystem();
    const { status, headers, body } = await fhir.post<OperationOutcome>('/Patient', patient([{ system, value: 'x' }], 'Errorname'));
    expect(status).toBe(503);
    expect(headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] });
    expect(await received()).toEqual([{ method: 'POST', path: '/Patient', at: expect.any(String), fault: 'error' }]);
    expect(JSON.stringify(await received())).not.toContain('Errorname');
    await faults({});
    expect(await stored(system)).toBe(0);
  });

  it('answers 429 with Retry-After and a throttled OperationOutcome before processing: nothing is stored', async () => {
    await faults({ rateLimitRate: 1, retryAfterSeconds: 7 });
    const system = uniqueSystem();
    const entry = [{ resource: patient([{ system, value: 'x' }]), request: { method: 'POST', url: 'Patient' } }];
    const transaction = { resourceType: 'Bundle', type: 'transaction', entry };
    const { status, headers, body } = await fhir.post<OperationOutcome>('/', transaction);
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('7');
    expect(body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'throttled' }] });
    expect(await received()).toEqual([{ method: 'POST', path: '/', bundleType: 'transaction', entries: 1, at: expect.any(String), fault: 'rate-limit' }]);

    await faults({ rateLimitRate: 1 });
    expect((await fhir.get('/Patient/none')).headers.get('retry-after')).toBe('1');
    await faults({});
    expect(await stored(system)).toBe(0);
  });

  it('stores a timed-out request and never answers it, until the client gives up', async () => {
    await faults({ timeoutRate: 1 });
    const system = uniqueSystem();
    const client = new AbortController();
    let settled = false;
    const pending = fhir
      .post('/Patient', patient([{ system, value: 'kept' }]), { signal: client.signal })
      .then(
        () => 'answered',
        () => 'aborted',
      )
      .finally(() => (settled = true));

    const [entry] = await eventually(received, (list) => list.length > 0);
    expect(entry).toMatchObject({ method: 'POST', path: '/Patient', fault: 'timeout' });
    await sleep(300);
    expect(settled).toBe(false);

    client.abort();
    expect(await pending).toBe('aborted');
    await faults({});
    expect(await stored(system)).toBe(1);
  });

  it('drops the connection without an answer before processing: nothing is stored, and no retry arrives', async () => {
    await faults({ dropRate: 1 });
    const system = uniqueSystem();
    await expect(fhir.post('/Patient', patient([{ system, value: 'x' }]))).rejects.toThrow();
    expect(await received()).toEqual([{ method: 'POST', path: '/Patient', at: expect.any(String), fault: 'drop' }]);
    await faults({});
    expect(await stored(system)).toBe(0);
  });

  it('never faults /metadata', async () => {
    await faults({ dropRate: 0.5, errorRate: 0.5 });
    for (let i = 0; i < 20; i++) {
      const { status, body } = await fhir.get<CapabilityStatement>('/metadata');
      expect([status, body.resourceType]).toEqual([200, 'CapabilityStatement']);
    }
    expect((await received()).filter((r) => r.fault)).toEqual([]);
  });

  it('holds refusals for the latency too', async () => {
    await faults({ errorRate: 1, latencyMs: 300 });
    const started = performance.now();
    expect((await fhir.get('/Patient/none')).status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  describe('rates', () => {
    /** The status of each of `n` reads (404 when not faulted), and the faults the sandbox recorded. */
    async function statuses(n: number): Promise<{ statuses: number[]; recorded: (string | undefined)[] }> {
      await fhir.delete('/$sandbox/requests');
      const result: number[] = [];
      for (let i = 0; i < n; i++) result.push((await fhir.get('/Patient/none')).status);
      return { statuses: result, recorded: (await received()).map((r) => r.fault) };
    }

    it('faults about errorRate of the requests, the same ones again for the same seed', async () => {
      await faults({ errorRate: 0.3, seed: 42 });
      const first = await statuses(200);
      const errors = first.statuses.filter((s) => s === 503).length;
      expect(errors).toBeGreaterThanOrEqual(40);
      expect(errors).toBeLessThanOrEqual(80);
      expect(first.statuses.filter((s) => s !== 503).every((s) => s === 404)).toBe(true);
      expect(first.recorded).toEqual(first.statuses.map((s) => (s === 503 ? 'error' : undefined)));

      await faults({ errorRate: 0.3, seed: 42 });
      expect((await statuses(200)).statuses).toEqual(first.statuses);
      await faults({ errorRate: 0.3, seed: 43 });
      expect((await statuses(200)).statuses).not.toEqual(first.statuses);
    });

    it('splits one draw between the kinds of fault', async () => {
      await faults({ errorRate: 0.25, rateLimitRate: 0.25, seed: 1 });
      const { statuses: seen } = await statuses(200);
      const count = (status: number) => seen.filter((s) => s === status).length;
      expect(count(503)).toBeGreaterThanOrEqual(30);
      expect(count(429)).toBeGreaterThanOrEqual(30);
      expect(count(404)).toBeGreaterThanOrEqual(70);
      expect(count(503) + count(429) + count(404)).toBe(200);
    });
  });
});

describe('closing the sandbox', () => {
  it('returns promptly while a timed-out request is held, cutting its connection', async () => {
    const sandbox = await startTestSandbox();
    const fhir = sandboxClient(sandbox);
    await fhir.put('/$sandbox/faults', { timeoutRate: 1 });
    const pending = fhir.post('/Patient', patient([])).then(
      () => 'answered',
      () => 'cut',
    );
    await eventually(
      async () => (await fhir.get<{ received: ReceivedRequest[] }>('/$sandbox/requests')).body.received,
      (list) => list.some((r) => r.fault === 'timeout'),
    );

    const started = performance.now();
    const stillOpen = sleep(2000, 'still open', { ref: false });
    expect(await Promise.race([sandbox.close().then(() => 'closed'), stillOpen])).toBe('closed');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('cut');
  });
});
