import { KETA_SYSTEMS } from '@keta/fhir-mapping';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { writeProjection } from '../projection/projection.store';
import { createTestDatabase, type TestDatabase } from '../testing';
import { listDeadLetters, recordDeadLetter, replayDeadLetter } from './dead-letter.queries';
import { completeConfirmedOutbox } from './outbox.queries';
import { isBehind, readLedger, recordFailure, recordSynced, recordWithheld } from './sync-ledger.queries';

const OUTCOME = { issue: [{ severity: 'error', code: 'required', expression: ['Patient.telecom'] }] };

describe('dead letters', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let connectionId: string;

  beforeAll(async () => {
    db = await createTestDatabase('dead_letter');
    ds = await createDataSource({ url: db.url, poolSize: 3 }).initialize();
    const [row] = await ds.query(`INSERT INTO ehr_connection (name, base_url, kind) VALUES ('EHR', 'http://ehr.example/fhir', 'clinic-ehr') RETURNING id`);
    connectionId = (row as { id: string }).id;
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  async function patient(version: number): Promise<string> {
    const patientId = randomUUID();
    for (let v = 0; v < version; v += 1) {
      await ds.transaction((tx) => writeProjection(tx, [{
        resource: { resourceType: 'Patient', id: patientId, identifier: [{ system: KETA_SYSTEMS.patient, value: patientId }] },
        patientId, syncIdentifier: { system: KETA_SYSTEMS.patient, value: patientId }, status: 'active',
      }]));
    }
    return patientId;
  }
  const pending = async (patientId: string) => (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE patient_id = $1 AND done_at IS NULL`, [patientId]))[0].n as number;

  it('settles the version the EHR refused, waits for a newer one, and lists it without the record', async () => {
    const patientId = await patient(1);
    const record = { resourceType: 'Patient', resourceId: patientId, localVersion: 1 };
    await ds.transaction((tx) => recordDeadLetter(tx, connectionId, [record], 'ehr_http_422', OUTCOME));
    expect(await completeConfirmedOutbox(ds.manager, patientId)).toBe(1);
    const held = (await readLedger(ds.manager, connectionId, [patientId])).get(`Patient/${patientId}`);
    expect([isBehind(held, 1), isBehind(held, 2)]).toEqual([false, true]);
    const [letter] = (await listDeadLetters(ds.manager, connectionId)).filter((l) => l.resourceId === patientId);
    expect(letter).toMatchObject({ resourceType: 'Patient', patientId, version: 1, errorCode: 'ehr_http_422', outcome: OUTCOME });
  });

  it('never buries a version the EHR already holds, and forgets the letter once a newer version is synced', async () => {
    const patientId = await patient(2);
    await recordSynced(ds.manager, connectionId, [{ resourceType: 'Patient', resourceId: patientId, localVersion: 2, remoteId: 'r', remoteVersion: '1' }]);
    await recordDeadLetter(ds.manager, connectionId, [{ resourceType: 'Patient', resourceId: patientId, localVersion: 1 }], 'ehr_http_409', null);
    expect((await readLedger(ds.manager, connectionId, [patientId])).get(`Patient/${patientId}`)).toMatchObject({ status: 'synced', deadVersion: null });
  });

  it('replays a dead letter: the ledger forgets the refusal and the current version goes back into the outbox', async () => {
    const patientId = await patient(1);
    const key = { connectionId, resourceType: 'Patient', resourceId: patientId };
    await recordDeadLetter(ds.manager, connectionId, [{ ...key, localVersion: 1 }], 'ehr_http_422', OUTCOME);
    await completeConfirmedOutbox(ds.manager, patientId);
    expect(await ds.transaction((tx) => replayDeadLetter(tx, key))).toBe(true);
    expect(await pending(patientId)).toBe(1);
    expect(isBehind((await readLedger(ds.manager, connectionId, [patientId])).get(`Patient/${patientId}`), 1)).toBe(true);
    expect(await ds.transaction((tx) => replayDeadLetter(tx, key))).toBe(false);
  });

  it('withholds a version consent keeps back, settling its outbox row, and looks at it again on every sync', async () => {
    const patientId = await patient(1);
    await recordWithheld(ds.manager, connectionId, [{ resourceType: 'Patient', resourceId: patientId, localVersion: 1 }], 'consent-revoked');
    expect(await completeConfirmedOutbox(ds.manager, patientId)).toBe(1);
    const held = (await readLedger(ds.manager, connectionId, [patientId])).get(`Patient/${patientId}`);
    expect(held).toMatchObject({ status: 'withheld' });
    expect(isBehind(held, 1)).toBe(true);
    const [row] = await ds.query(`SELECT last_error_code FROM sync_ledger WHERE resource_id = $1`, [patientId]);
    expect(row).toEqual({ last_error_code: 'consent-revoked' });
    await recordFailure(ds.manager, connectionId, [{ resourceType: 'Patient', resourceId: patientId, localVersion: 2 }], 'ehr_timeout');
    await recordDeadLetter(ds.manager, connectionId, [{ resourceType: 'Patient', resourceId: patientId, localVersion: 2 }], 'ehr_http_422', null);
    await recordSynced(ds.manager, connectionId, [{ resourceType: 'Patient', resourceId: patientId, localVersion: 2, remoteId: 'r', remoteVersion: '1' }]);
    expect((await readLedger(ds.manager, connectionId, [patientId])).get(`Patient/${patientId}`)).toMatchObject({ status: 'synced', deadVersion: null });
  });
});
