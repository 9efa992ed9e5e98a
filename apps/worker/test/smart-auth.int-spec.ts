import {
  activateNextSigningKey, clearAuthRefused, createDataSource, generateSigningKey, KeyRingCipher, publishedSigningKeys, readLedger, recordAuthRefused,
  stageSigningKey, writeProjection,
} from '@keta/db';
import { createTestDatabase, type TestDatabase } from '@keta/db/testing';
import { startSandbox, type RunningSandbox } from '@keta/ehr-sandbox';
import { KETA_SYSTEMS, type ProjectedResource } from '@keta/fhir-mapping';
import type { Patient } from '@medplum/fhirtypes';
import { UnrecoverableError, type Job } from 'bullmq';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadWorkerConfig, type WorkerConfig } from '../src/config/worker-config';
import { EhrSyncProcessor } from '../src/sync/ehr-sync.processor';
import { testAuthorizer } from './ehr-authorizer';

const CLIENT_ID = 'keta-clinic';

function patient(id: string): ProjectedResource {
  const own = { system: KETA_SYSTEMS.patient, value: id };
  return { resource: { resourceType: 'Patient', id, identifier: [own], gender: 'female' } as Patient & { id: string }, patientId: id, syncIdentifier: own, status: 'active' };
}

/**
 * The worker as a SMART Backend Services client of an EHR that asks for tokens: the sandbox with its
 * authorization server on, Keta's public key registered there as an EHR registers it.
 */
describe('SMART Backend Services to the EHR', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let sandbox: RunningSandbox;
  let config: WorkerConfig;
  let connectionId: string;
  const authorizers: Array<ReturnType<typeof testAuthorizer>> = [];

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${new URL(sandbox.baseUrl).origin}/$sandbox/${path}`, {
      method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.status).toBeLessThan(300);
    return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
  };
  const issued = async () => ((await control('GET', 'auth')) as { issued: Record<string, number> }).issued[CLIENT_ID] ?? 0;
  const refused = async () => ((await control('GET', 'auth')) as { refused: Record<string, number> }).refused[CLIENT_ID] ?? 0;
  const registerKeta = async () => control('PUT', `auth/clients/${CLIENT_ID}`, { jwks: { keys: await publishedSigningKeys(ds.manager) }, scopes: 'system/*.cruds' });
  /** A worker process of its own: its own authorizer (and its copy of the token), the same Redis. */
  const workerProcess = () => {
    const authorizer = testAuthorizer(ds, config);
    authorizers.push(authorizer);
    return new EhrSyncProcessor(ds, config, authorizer);
  };
  const job = (patientId: string) => ({ data: { connectionId, patientId, traceId: randomUUID() }, attemptsMade: 0 }) as unknown as Job;
  const newPatient = async () => {
    const id = randomUUID();
    await ds.transaction((tx) => writeProjection(tx, [patient(id)]));
    return id;
  };
  const refusal = async () => ((await ds.query(`SELECT auth_refused_code FROM ehr_connection WHERE id = $1`, [connectionId])) as Array<{ auth_refused_code: string | null }>)[0]!.auth_refused_code;

  beforeAll(async () => {
    db = await createTestDatabase('smart_auth');
    ds = await createDataSource({ url: db.url, poolSize: 4 }).initialize();
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, latencyMs: 0, logLevel: 'silent', auth: 'smart' });
    config = loadWorkerConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: `keta-test-${randomUUID()}` });
  });
  beforeEach(async () => {
    const [row] = (await ds.query(
      `INSERT INTO ehr_connection (name, base_url, kind, auth_kind, auth_smart) VALUES ('EHR', $1, 'clinic-ehr', 'smart-backend', $2) RETURNING id`,
      [sandbox.baseUrl, { clientId: CLIENT_ID, tokenUrl: null, scopes: ['system/Patient.cru'], algorithm: 'ES384' }],
    )) as Array<{ id: string }>;
    connectionId = row!.id;
    await ds.transaction((tx) => generateSigningKey(tx, new KeyRingCipher(config.CREDENTIAL_KEYS), connectionId, 'ES384'));
    await registerKeta();
    await control('PUT', 'auth', { enabled: true, tokenLifetimeSeconds: 300 });
    await control('DELETE', 'auth/counters');
  });
  afterAll(async () => {
    authorizers.forEach((a) => a.close());
    await sandbox.close();
    await ds.destroy();
    await db.drop();
  });

  it('takes a token once, from the token endpoint it discovers, and every process reuses it', async () => {
    const [first, second] = [workerProcess(), workerProcess()];
    const patients = await Promise.all([1, 2, 3, 4, 5, 6].map(() => newPatient()));
    const outcomes = await Promise.all(patients.map((id, i) => (i % 2 ? first : second).process(job(id))));
    expect(outcomes).toEqual(patients.map(() => ({ sent: 1 })));
    expect(await issued()).toBe(1);
    const ledger = await readLedger(ds.manager, connectionId, patients);
    expect([...ledger.values()].map((held) => held.status)).toEqual(patients.map(() => 'synced'));
  });

  it('takes a new token once after the EHR answers 401, and sends what it was sending', async () => {
    const processor = workerProcess();
    await processor.process(job(await newPatient()));
    await control('POST', 'auth/revoke');
    const patientId = await newPatient();
    expect(await processor.process(job(patientId))).toEqual({ sent: 1 });
    expect(await issued()).toBe(2);
    const { received } = (await control('GET', 'requests')) as { received: Array<{ auth?: string }> };
    expect(received.filter((r) => r.auth === '401')).toHaveLength(1);
  });

  it('takes a new token before the last one lapses, without a 401', async () => {
    await control('PUT', 'auth', { tokenLifetimeSeconds: 1 });
    await control('DELETE', 'requests');
    const processor = workerProcess();
    await processor.process(job(await newPatient()));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await processor.process(job(await newPatient()))).toEqual({ sent: 1 });
    expect(await issued()).toBe(2);
    const { received } = (await control('GET', 'requests')) as { received: Array<{ auth?: string }> };
    expect(received.filter((r) => r.auth)).toEqual([]);
  });

  it('signs with its next key once that is activated, not before, the EHR having been given it first', async () => {
    const processor = workerProcess();
    await processor.process(job(await newPatient()));
    const registerOnly = async (kid: string) => control('PUT', `auth/clients/${CLIENT_ID}`, {
      jwks: { keys: (await publishedSigningKeys(ds.manager)).filter((k) => (k as { kid?: string }).kid === kid) }, scopes: 'system/*.cruds',
    });
    const [{ kid: current }] = (await ds.query(`SELECT kid FROM ehr_signing_key WHERE connection_id = $1`, [connectionId])) as [{ kid: string }];
    const next = await ds.transaction((tx) => stageSigningKey(tx, new KeyRingCipher(config.CREDENTIAL_KEYS), connectionId, 'ES384'));
    // Staged, the key is published but not signed with: an EHR holding the current key only still issues tokens.
    await registerOnly(current);
    await control('POST', 'auth/revoke');
    expect(await processor.process(job(await newPatient()))).toEqual({ sent: 1 });
    // The EHR's admin registers the next key; once it is activated, the EHR may keep it alone.
    await registerKeta();
    expect(await ds.transaction((tx) => activateNextSigningKey(tx, connectionId))).toBe(next);
    await registerOnly(next);
    await control('POST', 'auth/revoke');
    expect(await processor.process(job(await newPatient()))).toEqual({ sent: 1 });
    expect([await issued(), await refused(), await refusal()]).toEqual([3, 0, null]);
  });

  it('holds the connection when the EHR refuses its key, and asks no more until someone acts', async () => {
    // The EHR holds another key under Keta's kid: Keta's assertions no longer verify.
    const other = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });
    const keys = (await publishedSigningKeys(ds.manager)).map((k) => ({ ...k, ...other }));
    await control('PUT', `auth/clients/${CLIENT_ID}`, { jwks: { keys }, scopes: 'system/*.cruds' });
    const [processor, other2] = [workerProcess(), workerProcess()];
    const patientId = await newPatient();
    const others = await Promise.all([1, 2, 3, 4, 5].map(() => newPatient()));

    // Six jobs at once in two processes: one asks the EHR, the rest learn of its refusal.
    const failures = await Promise.all([patientId, ...others].map((id, i) => (i % 2 ? other2 : processor).process(job(id)).catch((error: unknown) => error)));
    const failure = failures[0];
    expect(failures.every((f) => f instanceof UnrecoverableError && f.message === 'ehr_auth_invalid_client')).toBe(true);
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect(await refused()).toBe(1);
    expect(await refusal()).toBe('ehr_auth_invalid_client');
    const [ledger] = (await ds.query(`SELECT status, last_error_code FROM sync_ledger WHERE connection_id = $1 AND resource_id = $2`, [connectionId, patientId])) as unknown[];
    expect(ledger).toEqual({ status: 'failed', last_error_code: 'ehr_auth_invalid_client' });

    const again = await processor.process(job(patientId)).catch((error: unknown) => error);
    expect((again as Error).message).toBe('ehr_auth_invalid_client');
    expect(await refused()).toBe(1);
    expect(await issued()).toBe(0);
  });

  it('takes a new token on a 403, holds the connection on a second, and takes a fresh one once ops retry after the fix', async () => {
    // The EHR grants Keta less than it asks for: a token that may read, not write.
    await ds.query(`UPDATE ehr_connection SET auth_smart = jsonb_set(auth_smart, '{scopes}', '["system/*.rs", "system/*.cu"]') WHERE id = $1`, [connectionId]);
    await control('PUT', `auth/clients/${CLIENT_ID}`, { jwks: { keys: await publishedSigningKeys(ds.manager) }, scopes: 'system/*.rs' });
    const processor = workerProcess();
    const patientId = await newPatient();
    const failure = await processor.process(job(patientId)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect((failure as Error).message).toBe('ehr_auth_forbidden');
    expect([await refusal(), await issued()]).toEqual(['ehr_auth_forbidden', 2]);

    // The EHR's admin grants the writes; ops let the connection go (Retry all failed).
    await control('PUT', `auth/clients/${CLIENT_ID}`, { jwks: { keys: await publishedSigningKeys(ds.manager) }, scopes: 'system/*.rs system/*.cu' });
    await clearAuthRefused(ds.manager, connectionId);
    expect(await processor.process(job(patientId))).toEqual({ sent: 1 });
    expect(await issued()).toBe(3);
  });

  it('does not hold a connection for a refusal of credentials an admin changed meanwhile', async () => {
    await ds.query(`UPDATE ehr_connection SET version = version + 1 WHERE id = $1`, [connectionId]);
    await recordAuthRefused(ds.manager, connectionId, 'ehr_auth_invalid_client', 1);
    expect(await refusal()).toBeNull();
    await recordAuthRefused(ds.manager, connectionId, 'ehr_auth_invalid_client', 2);
    expect(await refusal()).toBe('ehr_auth_invalid_client');
  });
});
