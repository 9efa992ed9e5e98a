import { createDataSource, readLedger, writeProjection } from '@keta/db';
import { createTestDatabase, type TestDatabase } from '@keta/db/testing';
import { startSandbox, type RunningSandbox } from '@keta/ehr-sandbox';
import { toFhirMeasurement, toFhirPatient, type ProjectedResource } from '@keta/fhir-mapping';
import type { Bundle, Observation } from '@medplum/fhirtypes';
import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadWorkerConfig } from '../src/config/worker-config';
import { EhrSyncProcessor } from '../src/sync/ehr-sync.processor';
import { testAuthorizer } from './ehr-authorizer';

/** A Patient (with a phone, or not) and nine heart-rate Observations: ten records, two Bundles' worth alone. */
function patientRecords(phone?: string): ProjectedResource[] {
  const id = randomUUID();
  const patient = toFhirPatient({ id, demographics: { name: { given: ['Ana'], family: 'Packer' }, birthDate: '1980-01-01', sex: 'female', identifiers: [], ...(phone && { phone }) } });
  const observations = Array.from({ length: 9 }, (_, i) => toFhirMeasurement({
    id: randomUUID(), patientId: id, measurement: { kind: 'heart-rate', perMinute: 60 + i }, effectiveAt: new Date(Date.UTC(2026, 0, 1, 9, i)).toISOString(),
  }));
  return [patient, ...observations];
}

interface Received { method: string; bundleType?: string; entries?: number }

/** The processor's jobs run at once against the real sandbox, more jobs than the connection's request slots. */
describe('sync packing', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let sandbox: RunningSandbox;
  let sandboxOrigin: string;
  let processor: EhrSyncProcessor;
  let connectionId: string;

  beforeAll(async () => {
    db = await createTestDatabase('sync_packing');
    ds = await createDataSource({ url: db.url, poolSize: 4 }).initialize();
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, latencyMs: 0, logLevel: 'silent' });
    sandboxOrigin = new URL(sandbox.baseUrl).origin;
    const [row] = await ds.query(`INSERT INTO ehr_connection (name, base_url, kind, concurrency) VALUES ('Sandbox', $1, 'clinic-ehr', 2) RETURNING id`, [sandbox.baseUrl]);
    connectionId = (row as { id: string }).id;
    const config = loadWorkerConfig({ DATABASE_URL: db.url });
    processor = new EhrSyncProcessor(ds, config, testAuthorizer(ds, config));
  });
  afterEach(async () => {
    await control('rules', {});
    await control('faults', {});
  });
  afterAll(async () => {
    await sandbox.close();
    await ds.destroy();
    await db.drop();
  });

  async function control(path: 'faults' | 'rules' | 'requests', body?: object): Promise<Response> {
    return fetch(`${sandboxOrigin}/$sandbox/${path}`, body ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : { method: 'DELETE' });
  }
  async function transactionsReceived(): Promise<Received[]> {
    const { received } = (await (await fetch(`${sandboxOrigin}/$sandbox/requests`)).json()) as { received: Received[] };
    return received.filter((r) => r.method === 'POST' && r.bundleType === 'transaction');
  }
  async function syncAtOnce(patients: ProjectedResource[][]): Promise<void> {
    for (const records of patients) await ds.transaction((tx) => writeProjection(tx, records));
    const job = (patientId: string) => ({ data: { connectionId, patientId, traceId: randomUUID() }, attemptsMade: 0 }) as unknown as Job;
    await Promise.all(patients.map((records) => processor.process(job(records[0]!.resource.id))));
  }
  async function observationsInEhr(patientId: string): Promise<Observation[]> {
    const bundle = (await (await fetch(`${sandbox.baseUrl}/Observation?subject=Patient/${patientId}`)).json()) as Bundle<Observation>;
    return (bundle.entry ?? []).map((e) => e.resource!);
  }

  it('packs several patients\' records into full Bundles while every request slot is busy, each record pointing at its own Patient', async () => {
    await control('requests');
    await control('faults', { latencyMs: 50 }); // a network away: requests hold their slots while the next offers wait
    const patients = Array.from({ length: 6 }, () => patientRecords('+1 555 0100'));
    await syncAtOnce(patients);

    const sent = await transactionsReceived();
    expect(sent.reduce((sum, r) => sum + r.entries!, 0)).toBe(60);
    expect(Math.max(...sent.map((r) => r.entries!))).toBeLessThanOrEqual(8);
    // Patient by patient it takes 12 requests (8 + 2 each); packed, as few as 8.
    expect(sent.length).toBeLessThan(12);
    for (const records of patients) {
      const ledger = await readLedger(ds.manager, connectionId, records.map((r) => r.resource.id));
      expect([...ledger.values()].map((l) => l.status)).toEqual(Array(10).fill('synced'));
      const remotePatient = ledger.get(`Patient/${records[0]!.resource.id}`)!.remoteId!;
      const observations = await observationsInEhr(remotePatient);
      expect(observations.map((o) => o.valueQuantity?.value).sort()).toEqual([60, 61, 62, 63, 64, 65, 66, 67, 68]);
    }
  });

  it('fails only the patient whose record the EHR refuses in a packed Bundle: the others arrive, its own wait behind the dead letter', async () => {
    await control('rules', { requiredElements: { Patient: ['telecom'] } });
    await control('requests');
    await control('faults', { latencyMs: 50 });
    const [good1, refused, good2, good3] = [patientRecords('+1 555 0101'), patientRecords(), patientRecords('+1 555 0102'), patientRecords('+1 555 0103')];
    await syncAtOnce([good1!, refused!, good2!, good3!]);

    for (const records of [good1!, good2!, good3!]) {
      const ledger = await readLedger(ds.manager, connectionId, records.map((r) => r.resource.id));
      expect([...ledger.values()].map((l) => l.status)).toEqual(Array(10).fill('synced'));
    }
    const ledger = await readLedger(ds.manager, connectionId, refused!.map((r) => r.resource.id));
    expect(ledger.get(`Patient/${refused![0]!.resource.id}`)).toMatchObject({ status: 'dead' });
    const observations = await ds.query(`SELECT DISTINCT status, last_error_code FROM sync_ledger WHERE resource_type = 'Observation' AND resource_id = ANY($1)`, [refused!.slice(1).map((r) => r.resource.id)]);
    expect(observations).toEqual([{ status: 'failed', last_error_code: 'waits_for_Patient' }]);
    // The refused Bundle's other patients went again whole, not record by record: one record alone, the refused Patient.
    expect((await transactionsReceived()).filter((r) => r.entries === 1)).toHaveLength(1);
  });
});
