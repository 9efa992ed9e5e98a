import { createPrivateKey } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from './test-app';

/** The EHRs Keta syncs to, as admins manage them: each change from the version read, each with its audit row. */
describe('EHR connections (/ehr-connections)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp('ehr_connections');
    admin = (await t.signedIn('admin')).token;
  });
  afterAll(() => t.close());

  const create = () => request(t.http).post('/ehr-connections').set('authorization', `Bearer ${admin}`).send({ name: 'Harbor EHR', baseUrl: 'https://ehr.harbor.example/fhir/R4', kind: 'clinic-ehr' });
  const get = (id: string) => request(t.http).get(`/ehr-connections/${id}`).set('authorization', `Bearer ${admin}`);
  const patch = (id: string, body: object, ifMatch?: string) => {
    const req = request(t.http).patch(`/ehr-connections/${id}`).set('authorization', `Bearer ${admin}`);
    return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
  };

  it('changes a connection from the version read: none is 428, a stale one 412 and nothing changes, the current one 200 with the next ETag', async () => {
    const created = await create();
    expect([created.status, created.body.version, created.headers.etag]).toEqual([201, 1, 'W/"1"']);
    const id = created.body.id as string;
    const read = await get(id);
    expect([read.body, read.headers.etag]).toEqual([created.body, 'W/"1"']);
    expect((await patch(id, { paused: true })).status).toBe(428);
    expect((await patch(id, { paused: true }, 'W/"2"')).status).toBe(412);
    expect((await get(id)).body).toEqual(created.body);
    const changed = await patch(id, { paused: true }, read.headers.etag as string);
    expect([changed.status, changed.body.paused, changed.body.version, changed.headers.etag]).toEqual([200, true, 2, 'W/"2"']);
    expect((await patch(id, { paused: false }, read.headers.etag as string)).status).toBe(412);
    expect((await patch('00000000-0000-4000-8000-000000000000', { paused: false }, 'W/"1"')).status).toBe(404);
  });

  it('changes a connection while a poll that holds a referral of it is still running, without waiting for the poll', async () => {
    const created = await create();
    const id = created.body.id as string;
    // The poll's transaction, open across its EHR calls: a held referral's row locks its connection's key (FOR KEY SHARE).
    const poll = t.db.createQueryRunner();
    await poll.connect();
    await poll.startTransaction();
    try {
      await poll.query(`INSERT INTO inbound_poll_held (connection_id, request_id, error_code, next_attempt_at) VALUES ($1, 'sr-1', 'intake_failed', now())`, [id]);
      const waited = Symbol('still waiting for the poll');
      const change = patch(id, { name: 'Harbor EHR (renamed)' }, created.headers.etag as string).then((r) => r);
      const answer = await Promise.race([change, new Promise((resolve) => setTimeout(() => resolve(waited), 10_000))]);
      expect(answer).not.toBe(waited);
      expect((answer as request.Response).status).toBe(200);
    } finally {
      await poll.rollbackTransaction();
      await poll.release();
    }
  });

  it('commits creation and each change with its audit row, in one transaction; a refused change leaves only its refusal', async () => {
    const created = await create();
    const id = created.body.id as string;
    const txOfConnection = async () => ((await t.db.query(`SELECT xmin::text AS tx FROM ehr_connection WHERE id = $1`, [id])) as Array<{ tx: string }>)[0]!.tx;
    const createdTx = await txOfConnection();
    expect((await patch(id, { rateLimitPerMinute: 60 }, created.headers.etag as string)).status).toBe(200);
    expect((await patch(id, { rateLimitPerMinute: 30 }, created.headers.etag as string)).status).toBe(412);
    const audit = await t.db.query(`SELECT action, outcome, error_code, xmin::text AS tx FROM audit_event WHERE resource_type = 'ehr-connection' AND resource_id = $1 ORDER BY id`, [id]);
    const changedTx = await txOfConnection();
    expect(audit).toEqual([
      { action: 'create', outcome: 'success', error_code: null, tx: createdTx },
      { action: 'update', outcome: 'success', error_code: null, tx: changedTx },
      { action: 'update', outcome: 'failed', error_code: 'precondition_failed', tx: expect.not.stringMatching(`^${changedTx}$`) },
    ]);
    expect((await get(id)).body.rateLimitPerMinute).toBe(60);
  });

  it('keeps alert thresholds over the worker\'s defaults, validated: null goes back to the defaults', async () => {
    const created = await create();
    const id = created.body.id as string;
    expect(created.body.alertThresholds).toBeNull();
    const refused = await patch(id, { alertThresholds: { failureRate: 1.5, minutes: 3 } }, created.headers.etag as string);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('failureRate');
    const thresholds = { oldestPendingSeconds: 120, failureRate: 0.2, minAttempts: 10, noTrafficMinutes: 5 };
    const changed = await patch(id, { alertThresholds: thresholds }, created.headers.etag as string);
    expect([changed.status, changed.body.alertThresholds]).toEqual([200, thresholds]);
    expect((await get(id)).body.alertThresholds).toEqual(thresholds);
    const reset = await patch(id, { alertThresholds: null }, changed.headers.etag as string);
    expect([reset.status, reset.body.alertThresholds]).toEqual([200, null]);
  });

  it('gives a SMART connection a signing key of its own: the public half published at the JWKS URL, the private half sealed', async () => {
    const smart = { kind: 'smart-backend', clientId: 'keta-at-harbor', scopes: ['system/Patient.cru', 'system/*.write'], algorithm: 'RS384' };
    const created = await request(t.http).post('/ehr-connections').set('authorization', `Bearer ${admin}`)
      .send({ name: 'Harbor EHR', baseUrl: 'https://ehr.harbor.example/fhir/R4', kind: 'clinic-ehr', auth: smart });
    expect(created.status).toBe(201);
    const { auth } = created.body as { auth: { keyId: string; jwksUrl: string } };
    expect(auth).toEqual({ ...smart, tokenUrl: null, keyId: expect.stringMatching(/^[0-9a-f-]{36}$/), nextKeyId: null, jwksUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/\.well-known\/jwks\.json$/) });
    const jwks = await request(t.http).get('/.well-known/jwks.json');
    expect([jwks.status, jwks.headers['content-type']]).toEqual([200, expect.stringContaining('application/jwk-set+json')]);
    const published = (jwks.body as { keys: Array<Record<string, string>> }).keys.find((k) => k.kid === auth.keyId);
    expect(published).toMatchObject({ kty: 'RSA', alg: 'RS384', use: 'sig', n: expect.any(String), e: 'AQAB' });
    expect(Object.keys(published!).filter((m) => ['d', 'p', 'q', 'dp', 'dq', 'qi'].includes(m))).toEqual([]);
    const [stored] = (await t.db.query(`SELECT ciphertext FROM ehr_signing_key WHERE kid = $1`, [auth.keyId])) as Array<{ ciphertext: Buffer }>;
    expect(() => createPrivateKey({ key: stored!.ciphertext, format: 'der', type: 'pkcs8' })).toThrow();

    const rotated = await request(t.http).post(`/ehr-connections/${created.body.id as string}/signing-key`).set('authorization', `Bearer ${admin}`);
    expect(rotated.status).toBe(200);
    const kids = ((await request(t.http).get('/.well-known/jwks.json')).body as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);
    expect(rotated.body.auth.keyId).not.toBe(auth.keyId);
    expect(rotated.body.version).toBe((created.body.version as number) + 1);
    expect(kids).toEqual(expect.arrayContaining([auth.keyId, rotated.body.auth.keyId]));
    const plain = await create();
    const refused = await request(t.http).post(`/ehr-connections/${plain.body.id as string}/signing-key`).set('authorization', `Bearer ${admin}`);
    expect([refused.status, refused.body.detail]).toEqual([422, expect.stringContaining('smart-backend')]);
  });

  it('publishes a next signing key before signing with it, for an EHR where the key itself is registered', async () => {
    const smart = { kind: 'smart-backend', clientId: 'keta-at-bay', scopes: ['system/*.cruds'] };
    const created = await request(t.http).post('/ehr-connections').set('authorization', `Bearer ${admin}`)
      .send({ name: 'Bay EHR', baseUrl: 'https://ehr.bay.example/fhir/R4', kind: 'clinic-ehr', auth: smart });
    const id = created.body.id as string;
    const current = created.body.auth.keyId as string;
    const post = (path: string) => request(t.http).post(`/ehr-connections/${id}/${path}`).set('authorization', `Bearer ${admin}`);
    const published = async () => ((await request(t.http).get('/.well-known/jwks.json')).body as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);

    const early = await post('next-signing-key/activate');
    expect([early.status, early.body.detail]).toEqual([422, expect.stringContaining('stage one first')]);
    const staged = await post('next-signing-key');
    expect([staged.status, staged.body.auth.keyId, staged.body.version]).toEqual([200, current, (created.body.version as number) + 1]);
    const next = staged.body.auth.nextKeyId as string;
    expect(next).toMatch(/^[0-9a-f-]{36}$/);
    expect(staged.headers.etag).not.toBe(created.headers.etag);
    expect(await published()).toEqual(expect.arrayContaining([current, next]));

    // Staged again before it was activated: the new one replaces it as the next key.
    const restaged = await post('next-signing-key');
    expect([restaged.body.auth.keyId, restaged.body.auth.nextKeyId]).toEqual([current, expect.not.stringMatching(next)]);
    const activeNext = restaged.body.auth.nextKeyId as string;

    await t.db.query(`UPDATE ehr_connection SET auth_refused_code = 'ehr_auth_invalid_client', auth_refused_at = now() WHERE id = $1`, [id]);
    const activated = await post('next-signing-key/activate');
    expect([activated.status, activated.body.auth.keyId, activated.body.auth.nextKeyId, activated.body.authRefused]).toEqual([200, activeNext, null, null]);
    // The key it replaced stays published a while, for the assertions the EHR may still be checking.
    expect(await published()).toEqual(expect.arrayContaining([current, activeNext]));
    const again = await post('next-signing-key/activate');
    expect(again.status).toBe(422);

    // Rotating at once supersedes a staged key too.
    await post('next-signing-key');
    const rotated = await post('signing-key');
    expect([rotated.body.auth.keyId, rotated.body.auth.nextKeyId]).toEqual([expect.not.stringMatching(activeNext), null]);
    const plain = await create();
    const notSmart = await request(t.http).post(`/ehr-connections/${plain.body.id as string}/next-signing-key`).set('authorization', `Bearer ${admin}`);
    expect([notSmart.status, notSmart.body.detail]).toEqual([422, expect.stringContaining('smart-backend')]);
  });

  it('lets an EHR refused credentials go when they change, and refuses a scope that is not a SMART system scope', async () => {
    const created = await create();
    const id = created.body.id as string;
    await t.db.query(`UPDATE ehr_connection SET auth_refused_code = 'ehr_auth_invalid_client', auth_refused_at = now() WHERE id = $1`, [id]);
    expect((await get(id)).body.authRefused).toEqual({ code: 'ehr_auth_invalid_client', at: expect.any(String) });
    const bad = await patch(id, { auth: { kind: 'smart-backend', clientId: 'x', scopes: ['patient/*.read'] } }, created.headers.etag as string);
    expect([bad.status, JSON.stringify(bad.body)]).toEqual([400, expect.stringContaining('SMART system scope')]);
    const changed = await patch(id, { auth: { kind: 'smart-backend', clientId: 'x', scopes: ['system/*.cruds'] } }, created.headers.etag as string);
    expect([changed.status, changed.body.authRefused, changed.body.auth.algorithm]).toEqual([200, null, 'ES384']);
    const current = async () => (await t.db.query(`SELECT kid FROM ehr_signing_key WHERE connection_id = $1 AND retired_at IS NULL`, [id])) as unknown[];
    expect(await current()).toHaveLength(1);

    await t.db.query(`UPDATE ehr_connection SET auth_refused_code = 'ehr_smart_discovery_no_token_endpoint', auth_refused_at = now() WHERE id = $1`, [id]);
    const moved = await patch(id, { baseUrl: 'https://ehr.harbor.example/fhir/r4' }, changed.headers.etag as string);
    expect([moved.status, moved.body.authRefused]).toEqual([200, null]);
    const plain = await patch(id, { auth: { kind: 'none' } }, moved.headers.etag as string);
    expect([plain.status, await current()]).toEqual([200, []]);
  });
});
