import { KETA_SYSTEMS, type ProjectedResource } from '@keta/fhir-mapping';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { readPatientProjection, writeProjection } from '../projection/projection.store';
import { createTestDatabase, type TestDatabase } from '../testing';
import { claimSyncTargets, completeConfirmedOutbox } from './outbox.queries';
import { readLedger, recordFailure, recordSynced } from './sync-ledger.queries';

function patientResource(patientId: string, family: string): ProjectedResource {
  return {
    resource: { resourceType: 'Patient', id: patientId, identifier: [{ system: KETA_SYSTEMS.patient, value: patientId }], name: [{ family }] },
    patientId,
    syncIdentifier: { system: KETA_SYSTEMS.patient, value: patientId },
    status: 'active',
  };
}

describe('projection, outbox and ledger', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('outbox');
    ds = await createDataSource({ url: db.url, poolSize: 3 }).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  async function connection(kind: 'clinic-ehr' | 'referrer-ehr', enabled = true): Promise<string> {
    const [row] = await ds.query(`INSERT INTO ehr_connection (name, base_url, kind, enabled) VALUES ('EHR', 'http://ehr.example/fhir', $1, $2) RETURNING id`, [kind, enabled]);
    return (row as { id: string }).id;
  }

  it('versions each write of a resource and queues one outbox row per write', async () => {
    const patientId = randomUUID();
    const [first] = await ds.transaction((tx) => writeProjection(tx, [patientResource(patientId, 'Reyes')]));
    const [second] = await ds.transaction((tx) => writeProjection(tx, [patientResource(patientId, 'Reyes-Lopez')]));
    expect([first?.version, second?.version]).toEqual([1, 2]);
    expect(second?.resource.meta?.versionId).toBe('2');
    const [stored] = await readPatientProjection(ds.manager, patientId);
    expect(stored?.resource).toMatchObject({ name: [{ family: 'Reyes-Lopez' }], meta: { versionId: '2' } });
    expect(stored?.syncIdentifier).toEqual({ system: KETA_SYSTEMS.patient, value: patientId });
    const outbox = await ds.query(`SELECT version FROM outbox WHERE resource_id = $1 ORDER BY id`, [patientId]);
    expect(outbox).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('keeps a resource\'s own meta (its security labels) beside the projection\'s version', async () => {
    const patientId = randomUUID();
    const labelled = patientResource(patientId, 'Ortiz');
    const security = [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: '42CFRPart2' }];
    labelled.resource.meta = { security };
    await ds.transaction((tx) => writeProjection(tx, [labelled]));
    const [again] = await ds.transaction((tx) => writeProjection(tx, [labelled]));
    expect(again?.resource.meta).toMatchObject({ security, versionId: '2' });
    const [stored] = await readPatientProjection(ds.manager, patientId);
    expect(stored?.resource.meta).toMatchObject({ security, versionId: '2' });
  });

  it('writes many records in one call, one outbox row each; a record written twice in a call keeps its last state', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const stored = await ds.transaction((tx) => writeProjection(tx, [
      patientResource(ids[0]!, 'Abara'), patientResource(ids[1]!, 'Bello'), patientResource(ids[0]!, 'Abara-Bello'), patientResource(ids[2]!, 'Chen'),
    ]));
    expect(stored.map((s) => [s.id, s.version])).toEqual([[ids[0], 1], [ids[1], 1], [ids[0], 1], [ids[2], 1]]);
    expect(stored[0]?.resource).toMatchObject({ name: [{ family: 'Abara-Bello' }] });
    const outbox = (await ds.query(`SELECT resource_id FROM outbox WHERE resource_id = ANY($1::uuid[])`, [ids])) as Array<{ resource_id: string }>;
    expect(outbox.map((o) => o.resource_id).sort()).toEqual([...ids].sort());
    expect(await ds.transaction((tx) => writeProjection(tx, []))).toEqual([]);
  });

  it('writes nothing, projection or outbox, when the transaction fails', async () => {
    const patientId = randomUUID();
    await expect(ds.transaction(async (tx) => {
      await writeProjection(tx, [patientResource(patientId, 'Kim')]);
      throw new Error('the domain write failed');
    })).rejects.toThrow('the domain write failed');
    expect(await ds.query(`SELECT 1 FROM fhir_resource WHERE id = $1`, [patientId])).toEqual([]);
    expect(await ds.query(`SELECT 1 FROM outbox WHERE patient_id = $1`, [patientId])).toEqual([]);
  });

  it('wakes listeners on commit, not before', async () => {
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    await listener.query('LISTEN keta_outbox');
    const notified: string[] = [];
    listener.on('notification', (n) => notified.push(n.channel));
    const qr = ds.createQueryRunner();
    await qr.startTransaction();
    await writeProjection(qr.manager, [patientResource(randomUUID(), 'Ng')]);
    await new Promise((r) => setTimeout(r, 100));
    expect(notified).toEqual([]);
    await qr.commitTransaction();
    await qr.release();
    for (let i = 0; i < 50 && notified.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(notified).toEqual(['keta_outbox']);
    await listener.end();
  });

  it('claims pending rows once per timeout for enabled clinic EHRs, and completes them when the ledger confirms', async () => {
    await ds.query(`UPDATE outbox SET done_at = now()`);
    const clinic = await connection('clinic-ehr');
    await connection('clinic-ehr', false);
    await connection('referrer-ehr');
    const patientId = randomUUID();
    await ds.transaction((tx) => writeProjection(tx, [patientResource(patientId, 'Okafor')]));

    expect(await ds.transaction((tx) => claimSyncTargets(tx, 60_000, 100))).toEqual([{ connectionId: clinic, patientId }]);
    expect(await ds.transaction((tx) => claimSyncTargets(tx, 60_000, 100))).toEqual([]);
    expect(await ds.transaction((tx) => claimSyncTargets(tx, 0, 100))).toEqual([{ connectionId: clinic, patientId }]);

    await recordFailure(ds.manager, clinic, [{ resourceType: 'Patient', resourceId: patientId, localVersion: 1 }], 'ehr_unavailable_503');
    expect(await completeConfirmedOutbox(ds.manager, patientId)).toBe(0);
    await recordSynced(ds.manager, clinic, [{ resourceType: 'Patient', resourceId: patientId, localVersion: 1, remoteId: 'r-1', remoteVersion: 'v1' }]);
    expect(await completeConfirmedOutbox(ds.manager, patientId)).toBe(1);
    const ledger = await readLedger(ds.manager, clinic, [patientId]);
    expect(ledger.get(`Patient/${patientId}`)).toEqual({ localVersion: 1, status: 'synced', remoteId: 'r-1', deadVersion: null });
    const [row] = await ds.query(`SELECT attempts, last_error_code FROM sync_ledger WHERE resource_id = $1`, [patientId]);
    expect(row).toEqual({ attempts: 2, last_error_code: null });
  });

  it('never lets a late confirmation of an older version overwrite a newer one', async () => {
    const clinic = await connection('clinic-ehr');
    const patientId = randomUUID();
    const entry = (localVersion: number) => ({ resourceType: 'Patient', resourceId: patientId, localVersion, remoteId: 'r', remoteVersion: `v${localVersion}` });
    await recordSynced(ds.manager, clinic, [entry(3)]);
    await recordSynced(ds.manager, clinic, [entry(2)]);
    await recordFailure(ds.manager, clinic, [{ resourceType: 'Patient', resourceId: patientId, localVersion: 2 }], 'late');
    const [row] = await ds.query(`SELECT local_version, remote_version, status FROM sync_ledger WHERE resource_id = $1`, [patientId]);
    expect(row).toEqual({ local_version: 3, remote_version: 'v3', status: 'synced' });
  });

  it('records a Bundle\'s worth of confirmations in one statement, a record named twice at its latest version', async () => {
    const clinic = await connection('clinic-ehr');
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const entry = (resourceId: string, localVersion: number) => ({ resourceType: 'Observation', resourceId, localVersion, remoteId: `r-${resourceId}`, remoteVersion: String(localVersion) });
    await recordSynced(ds.manager, clinic, [entry(ids[0]!, 1), entry(ids[1]!, 2), entry(ids[0]!, 3), entry(ids[2]!, 1)]);
    const ledger = await readLedger(ds.manager, clinic, ids);
    expect(ids.map((id) => ledger.get(`Observation/${id}`)?.localVersion)).toEqual([3, 2, 1]);
    await recordFailure(ds.manager, clinic, ids.map((resourceId) => ({ resourceType: 'Observation', resourceId, localVersion: 4 })), 'ehr_http_503');
    const rows = await ds.query(`SELECT status, last_error_code FROM sync_ledger WHERE resource_id = ANY($1)`, [ids]);
    expect(rows).toEqual(Array(3).fill({ status: 'failed', last_error_code: 'ehr_http_503' }));
    await recordSynced(ds.manager, clinic, []);
  });
});
