import { createDataSource, writeProjection } from '@keta/db';
import { createTestDatabase, type TestDatabase } from '@keta/db/testing';
import { startSandbox, type RunningSandbox } from '@keta/ehr-sandbox';
import { KETA_SYSTEMS, toFhirCondition, type ProjectedResource } from '@keta/fhir-mapping';
import { EHR_RECONCILE_QUEUE, RECONCILE_WITH_EHR_JOB, reconcileSchedulerId } from '@keta/queue-contracts';
import type { Bundle, Condition, Patient } from '@medplum/fhirtypes';
import { Queue, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadWorkerConfig, type WorkerConfig } from '../src/config/worker-config';
import { EhrReconcileQueue } from '../src/reconcile/ehr-reconcile-queue.service';
import { EhrReconciliation } from '../src/reconcile/ehr-reconciliation.service';
import { EhrSyncProcessor } from '../src/sync/ehr-sync.processor';
import { testAuthorizer } from './ehr-authorizer';

function patient(id: string): ProjectedResource {
  const own = { system: KETA_SYSTEMS.patient, value: id };
  return { resource: { resourceType: 'Patient', id, identifier: [own], name: [{ family: 'Reyes', given: ['Ana'] }], gender: 'female' } as Patient & { id: string }, patientId: id, syncIdentifier: own, status: 'active' };
}

function condition(patientId: string, code: string): ProjectedResource {
  return toFhirCondition({ id: randomUUID(), patientId, code: { codings: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }] }, clinicalStatus: 'active', recordedAt: '2026-11-01T10:00:00Z' });
}

/** Reconciliation against the real sandbox: what was deleted or changed there is sent again, and nothing else. */
describe('reconciliation with the EHR', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let sandbox: RunningSandbox;
  let config: WorkerConfig;
  let processor: EhrSyncProcessor;
  let authorizer: ReturnType<typeof testAuthorizer>;
  let reconciliation: EhrReconciliation;
  let connectionId: string;

  beforeAll(async () => {
    db = await createTestDatabase('reconcile');
    ds = await createDataSource({ url: db.url, poolSize: 3 }).initialize();
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, latencyMs: 0, logLevel: 'silent' });
    connectionId = await connection(sandbox.baseUrl);
    config = loadWorkerConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: `reconcile-${randomUUID().slice(0, 8)}`, RECONCILE_SAMPLE_SIZE: '3' });
    authorizer = testAuthorizer(ds, config);
    processor = new EhrSyncProcessor(ds, config, authorizer);
    reconciliation = new EhrReconciliation(ds, config, authorizer);
  });
  afterAll(async () => {
    authorizer.close();
    await sandbox.close();
    await ds.destroy();
    await db.drop();
  });

  const connection = async (baseUrl: string) => ((await ds.query(`INSERT INTO ehr_connection (name, base_url, kind) VALUES ('Sandbox', $1, 'clinic-ehr') RETURNING id`, [baseUrl])) as Array<{ id: string }>)[0]!.id;
  const sync = (patientId: string, connection = connectionId) => processor.process({ data: { connectionId: connection, patientId, traceId: randomUUID() }, attemptsMade: 0 } as unknown as Job);
  const ehr = (path: string, init?: RequestInit) => fetch(`${sandbox.baseUrl}${path}`, { ...init, headers: { 'content-type': 'application/fhir+json' } });
  const control = (method: string) => fetch(`${sandbox.baseUrl.replace(/\/fhir\/R4$/, '')}/$sandbox/requests`, { method });
  const remoteIdOf = async (id: string) => (await ds.query(`SELECT remote_id FROM sync_ledger WHERE resource_id = $1`, [id]) as Array<{ remote_id: string }>)[0]!.remote_id;
  const heldUnder = async (type: string, system: string, value: string) => ((await (await ehr(`/${type}?identifier=${system}|${value}`)).json()) as Bundle).entry?.map((e) => e.resource!) ?? [];

  async function syncedPatientWithConditions(n: number): Promise<{ patientId: string; conditions: ProjectedResource[] }> {
    const patientId = randomUUID();
    const conditions = Array.from({ length: n }, (_, i) => condition(patientId, `F3${i}.1`));
    await ds.transaction((tx) => writeProjection(tx, [patient(patientId), ...conditions]));
    expect(await sync(patientId)).toEqual({ sent: n + 1 });
    return { patientId, conditions };
  }

  it('restores a record deleted and one altered in the EHR, sends nothing that matches, then finds everything matching', async () => {
    const { patientId, conditions } = await syncedPatientWithConditions(3);
    const [deleted, altered] = conditions as [ProjectedResource, ProjectedResource];
    expect((await ehr(`/Condition/${await remoteIdOf(deleted.resource.id)}`, { method: 'DELETE' })).ok).toBe(true);
    const edited = (await (await ehr(`/Condition/${await remoteIdOf(altered.resource.id)}`)).json()) as Condition;
    expect((await ehr(`/Condition/${edited.id}`, { method: 'PUT', body: JSON.stringify({ ...edited, note: [{ text: 'edited in the EHR' }] }) })).ok).toBe(true);
    await control('DELETE');

    expect(await reconciliation.reconcileWithEhr({ connectionId, patientId })).toEqual({ checked: 4, matching: 2, altered: 1, missing: 1, requeued: 2 });
    const queued = (await ds.query(`SELECT resource_id FROM outbox WHERE patient_id = $1 AND done_at IS NULL ORDER BY resource_id`, [patientId])) as Array<{ resource_id: string }>;
    expect(queued.map((r) => r.resource_id)).toEqual([deleted.resource.id, altered.resource.id].sort());
    expect(await sync(patientId)).toEqual({ sent: 2 });

    expect(await heldUnder('Condition', KETA_SYSTEMS.condition, deleted.resource.id)).toHaveLength(1);
    const [restored] = (await heldUnder('Condition', KETA_SYSTEMS.condition, altered.resource.id)) as Condition[];
    expect(restored?.note).toBeUndefined();
    const { received } = (await (await control('GET')).json()) as { received: Array<{ method: string; bundleType?: string; entries?: number }> };
    expect(received.filter((r) => r.bundleType === 'transaction').map((r) => r.entries)).toEqual([2]);
    expect(received.filter((r) => r.bundleType === 'batch').map((r) => r.entries)).toEqual([4]);

    await control('DELETE');
    expect(await reconciliation.reconcileWithEhr({ connectionId, patientId })).toEqual({ checked: 4, matching: 4, altered: 0, missing: 0, requeued: 0 });
    expect(await sync(patientId)).toEqual({ sent: 0, skipped: 'up-to-date' });
    const after = (await (await control('GET')).json()) as { received: Array<{ bundleType?: string }> };
    expect(after.received.filter((r) => r.bundleType === 'transaction')).toEqual([]);
  });

  it('sends again what references a record the EHR re-creates under a new id', async () => {
    const { patientId, conditions } = await syncedPatientWithConditions(2);
    const oldPatientId = await remoteIdOf(patientId);
    expect((await ehr(`/Patient/${oldPatientId}`, { method: 'DELETE' })).ok).toBe(true);

    expect(await reconciliation.reconcileWithEhr({ connectionId, patientId })).toEqual({ checked: 3, matching: 2, altered: 0, missing: 1, requeued: 3 });
    expect(await sync(patientId)).toEqual({ sent: 3 });
    const newPatientId = await remoteIdOf(patientId);
    expect(newPatientId).not.toBe(oldPatientId);
    for (const c of conditions) {
      const [held] = (await heldUnder('Condition', KETA_SYSTEMS.condition, c.resource.id)) as Condition[];
      expect(held?.subject?.reference).toBe(`Patient/${newPatientId}`);
    }
  });

  it('checks a rolling sample, least recently checked first, so every record is checked in turn', async () => {
    const other = await connection(sandbox.baseUrl);
    const patientIds = [randomUUID(), randomUUID()] as const;
    await ds.transaction((tx) => writeProjection(tx, [patient(patientIds[0]), condition(patientIds[0], 'F32.1'), condition(patientIds[0], 'F33.1'), patient(patientIds[1])]));
    for (const id of patientIds) await sync(id, other);
    const unchecked = async () => ((await ds.query(`SELECT resource_id FROM sync_ledger WHERE connection_id = $1 AND reconciled_at IS NULL`, [other])) as Array<{ resource_id: string }>).map((r) => r.resource_id);

    expect(await reconciliation.reconcileWithEhr({ connectionId: other })).toEqual({ checked: 3, matching: 3, altered: 0, missing: 0, requeued: 0 });
    const left = await unchecked();
    expect(left).toHaveLength(1);
    expect(await reconciliation.reconcileWithEhr({ connectionId: other })).toMatchObject({ checked: 3, matching: 3 });
    expect(await unchecked()).toEqual([]);
  });

  it('fails without marking anything when the EHR does not answer', async () => {
    const down = await connection('http://127.0.0.1:9/fhir/R4');
    await expect(reconciliation.reconcileWithEhr({ connectionId: down })).resolves.toMatchObject({ checked: 0 });
    await ds.query(`INSERT INTO sync_ledger (connection_id, resource_type, resource_id, local_version, remote_id, remote_version, status)
                    SELECT $1, resource_type, id, version, 'x', '1', 'synced' FROM fhir_resource LIMIT 2`, [down]);
    await expect(reconciliation.reconcileWithEhr({ connectionId: down })).rejects.toMatchObject({ code: 'ehr_unreachable', errorClass: 'temporary' });
    expect(await ds.query(`SELECT count(*)::int AS n FROM sync_ledger WHERE connection_id = $1 AND (reconciled_at IS NOT NULL OR local_version = 0)`, [down])).toEqual([{ n: 0 }]);
  });

  it('keeps one scheduler per enabled connection, and runs the jobs ops add', async () => {
    const queue = new Queue(EHR_RECONCILE_QUEUE, { connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX });
    const scheduled = new EhrReconcileQueue({ ...config, RECONCILE_EVERY_MINUTES: 60 }, ds, reconciliation);
    try {
      await ds.query(`UPDATE ehr_connection SET enabled = false WHERE id <> $1`, [connectionId]);
      await scheduled.keepSchedulesInStep();
      await scheduled.keepSchedulesInStep();
      expect((await queue.getJobSchedulers()).map((s) => [s.key, s.every])).toEqual([[reconcileSchedulerId(connectionId), 3_600_000]]);
      await ds.query(`UPDATE ehr_connection SET enabled = false`);
      await scheduled.keepSchedulesInStep();
      expect(await queue.getJobSchedulers()).toEqual([]);
    } finally {
      await scheduled.onApplicationShutdown();
    }

    await ds.query(`UPDATE ehr_connection SET enabled = true WHERE id = $1`, [connectionId]);
    const onDemand = new EhrReconcileQueue({ ...config, RECONCILE_EVERY_MINUTES: 0 }, ds, reconciliation);
    onDemand.onApplicationBootstrap();
    try {
      const { patientId } = await syncedPatientWithConditions(1);
      const job = await queue.add(RECONCILE_WITH_EHR_JOB, { connectionId, patientId });
      const finished = await waitFor(async () => (await queue.getJob(job.id!))?.returnvalue as unknown);
      expect(finished).toEqual({ checked: 2, matching: 2, altered: 0, missing: 0, requeued: 0 });
    } finally {
      await onDemand.onApplicationShutdown();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});

async function waitFor<T>(read: () => Promise<T | null | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
