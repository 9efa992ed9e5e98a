import { createDataSource, readLedger, writeProjection } from '@keta/db';
import { createTestDatabase, type TestDatabase } from '@keta/db/testing';
import { startSandbox, type RunningSandbox } from '@keta/ehr-sandbox';
import { KETA_SYSTEMS, toFhirCondition, type ProjectedResource } from '@keta/fhir-mapping';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadWorkerConfig } from '../src/config/worker-config';
import { EhrSyncProcessor } from '../src/sync/ehr-sync.processor';
import { testAuthorizer } from './ehr-authorizer';

function patient(id: string, family: string): ProjectedResource {
  const own = { system: KETA_SYSTEMS.patient, value: id };
  return { resource: { resourceType: 'Patient', id, identifier: [own], name: [{ family, given: ['Ana'] }], gender: 'female' } as Patient & { id: string }, patientId: id, syncIdentifier: own, status: 'active' };
}

/** The processor against the real sandbox: jobs carry ids, never versions, so a late job cannot send old data. */
describe('sync order', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let sandbox: RunningSandbox;
  let processor: EhrSyncProcessor;
  let connectionId: string;

  beforeAll(async () => {
    db = await createTestDatabase('sync_order');
    ds = await createDataSource({ url: db.url, poolSize: 3 }).initialize();
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, latencyMs: 0, logLevel: 'silent' });
    const [row] = await ds.query(`INSERT INTO ehr_connection (name, base_url, kind) VALUES ('Sandbox', $1, 'clinic-ehr') RETURNING id`, [sandbox.baseUrl]);
    connectionId = (row as { id: string }).id;
    const config = loadWorkerConfig({ DATABASE_URL: db.url });
    processor = new EhrSyncProcessor(ds, config, testAuthorizer(ds, config));
  });
  afterAll(async () => {
    await sandbox.close();
    await ds.destroy();
    await db.drop();
  });

  const job = (patientId: string) => ({ data: { connectionId, patientId, traceId: randomUUID() }, attemptsMade: 0 }) as unknown as Job;
  const inEhr = async (patientId: string) => {
    const bundle = (await (await fetch(`${sandbox.baseUrl}/Patient?identifier=${KETA_SYSTEMS.patient}|${patientId}`)).json()) as Bundle<Patient>;
    return bundle.entry?.map((e) => e.resource!.name?.[0]?.family);
  };

  it('ends at the latest version when the job for the older one runs last', async () => {
    const patientId = randomUUID();
    await ds.transaction((tx) => writeProjection(tx, [patient(patientId, 'Reyes')]));
    const forFirstVersion = job(patientId);
    await ds.transaction((tx) => writeProjection(tx, [patient(patientId, 'Reyes-Lopez')]));
    const forSecondVersion = job(patientId);

    expect(await processor.process(forSecondVersion)).toEqual({ sent: 1 });
    expect(await processor.process(forFirstVersion)).toEqual({ sent: 0, skipped: 'up-to-date' });
    expect(await inEhr(patientId)).toEqual(['Reyes-Lopez']);
    expect((await readLedger(ds.manager, connectionId, [patientId])).get(`Patient/${patientId}`)).toMatchObject({ status: 'synced', localVersion: 2 });
  });

  it('sends the newest version even when the older job started before the change', async () => {
    const patientId = randomUUID();
    await ds.transaction((tx) => writeProjection(tx, [patient(patientId, 'Okafor')]));
    expect(await processor.process(job(patientId))).toEqual({ sent: 1 });
    await ds.transaction((tx) => writeProjection(tx, [patient(patientId, 'Okafor-Reyes')]));
    await ds.transaction((tx) => writeProjection(tx, [patient(patientId, 'Okafor-Reyes-Lee')]));
    expect(await processor.process(job(patientId))).toEqual({ sent: 1 });
    expect(await inEhr(patientId)).toEqual(['Okafor-Reyes-Lee']);
  });

  it('withholds a 42 CFR Part 2 record from an EHR no privacy consent names, by the label the projection keeps', async () => {
    const patientId = randomUUID();
    const conditionId = randomUUID();
    await ds.transaction((tx) => writeProjection(tx, [patient(patientId, 'Varga'), toFhirCondition({
      id: conditionId, patientId, code: { codings: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F11.20' }] },
      clinicalStatus: 'active', recordedAt: '2026-11-01T10:00:00Z', part2: true,
    })]));
    await processor.process(job(patientId));
    expect(await inEhr(patientId)).toEqual(['Varga']);
    const conditions = (await (await fetch(`${sandbox.baseUrl}/Condition?identifier=${KETA_SYSTEMS.condition}|${conditionId}`)).json()) as Bundle;
    expect(conditions.entry ?? []).toEqual([]);
    expect(await ds.query(`SELECT status, last_error_code FROM sync_ledger WHERE resource_id = $1`, [conditionId])).toEqual([{ status: 'withheld', last_error_code: 'part2-needs-consent' }]);
  });
});
