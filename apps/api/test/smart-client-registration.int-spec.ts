import { generateKeyPairSync, randomUUID } from 'node:crypto';
import request from 'supertest';
import { patchAsRead } from './if-match-fixtures';
import { privateJwk, signingKey, type SigningKey } from './smart-fixtures';
import { startTestApp, type TestApp } from './test-app';

/** Registering an EHR client: public keys and SMART system scopes in, its client_id out. */
describe('EHR clients (/ehr-clients)', () => {
  let t: TestApp;
  let admin: string;
  let ops: string;
  let rsa: SigningKey;
  let ec: SigningKey;

  beforeAll(async () => {
    t = await startTestApp('smart_registration');
    [admin, ops] = [(await t.signedIn('admin')).token, (await t.signedIn('ops')).token];
    [rsa, ec] = [await signingKey('RS384'), await signingKey('ES384')];
  });
  afterAll(() => t.close());

  const post = (body: object) => request(t.http).post('/ehr-clients').set('authorization', `Bearer ${admin}`).send(body);
  const patch = (id: string, body: object, ifMatch?: string) => {
    const req = request(t.http).patch(`/ehr-clients/${id}`).set('authorization', `Bearer ${admin}`);
    return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
  };
  const valid = () => ({ name: 'Harbor Hospital EHR', jwks: { keys: [rsa.publicJwk, ec.publicJwk] }, scopes: ['system/Patient.rs', 'system/*.s'] });
  const fields = (res: request.Response) => (res.body.errors as Array<{ field: string }>).map((e) => e.field);

  it('registers a client and answers its client_id; admins and ops can read it back', async () => {
    const created = await post(valid());
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), ...valid(), enabled: true, version: 1, createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    const id = created.body.id as string;
    const read = await request(t.http).get(`/ehr-clients/${id}`).set('authorization', `Bearer ${ops}`);
    expect([read.body, read.headers.etag]).toEqual([created.body, 'W/"1"']);
    const list = await request(t.http).get('/ehr-clients').set('authorization', `Bearer ${admin}`);
    expect(list.body.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('changes name, keys, scopes and enabled, and commits creation and change each with its audit row, in one transaction', async () => {
    const id = (await post(valid())).body.id as string;
    const txOfClient = async () => ((await t.db.query(`SELECT xmin::text AS tx FROM ehr_client WHERE id = $1`, [id])) as Array<{ tx: string }>)[0]!.tx;
    const createdTx = await txOfClient();
    const changed = await patchAsRead(t, admin, `/ehr-clients/${id}`, { name: 'Renamed EHR', jwks: { keys: [ec.publicJwk] }, scopes: ['system/Task.s'], enabled: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Renamed EHR', jwks: { keys: [ec.publicJwk] }, scopes: ['system/Task.s'], enabled: false });
    const rows = await t.db.query(`SELECT action, outcome, xmin::text AS tx FROM audit_event WHERE resource_type = 'ehr-client' AND resource_id = $1 ORDER BY id`, [id]);
    expect(rows).toEqual([{ action: 'create', outcome: 'success', tx: createdTx }, { action: 'update', outcome: 'success', tx: await txOfClient() }]);
    expect((await patch(randomUUID(), { enabled: true }, 'W/"1"')).status).toBe(404);
  });

  it('changes a client from the version read: none is 428, a stale one 412 and nothing changes, the current one 200 with the next ETag', async () => {
    const created = await post(valid());
    const id = created.body.id as string;
    expect((await patch(id, { enabled: false })).status).toBe(428);
    expect((await patch(id, { enabled: false }, 'W/"2"')).status).toBe(412);
    expect((await request(t.http).get(`/ehr-clients/${id}`).set('authorization', `Bearer ${admin}`)).body).toEqual(created.body);
    const changed = await patch(id, { enabled: false }, created.headers.etag as string);
    expect([changed.status, changed.body.enabled, changed.headers.etag]).toEqual([200, false, 'W/"2"']);
    expect((await patch(id, { enabled: true }, created.headers.etag as string)).status).toBe(412);
  });

  it.each(['RS384', 'ES384'] as const)('refuses a JWKS holding a private %s key, naming jwks, and stores nothing', async (alg) => {
    const key = alg === 'RS384' ? rsa : ec;
    const before = await t.db.query(`SELECT count(*)::int AS n FROM ehr_client`);
    const res = await post({ ...valid(), jwks: { keys: [rsa.publicJwk, await privateJwk(key)] } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fields(res)).toContain('jwks.keys.1.d');
    expect(JSON.stringify(res.body)).not.toContain((await privateJwk(key)).d);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM ehr_client`)).toEqual(before);
  });

  it('refuses a private key in a change of keys too', async () => {
    const id = (await post(valid())).body.id as string;
    const res = await patch(id, { jwks: { keys: [await privateJwk(ec)] } }, 'W/"1"');
    expect(res.status).toBe(400);
    expect(fields(res)).toContain('jwks.keys.0.d');
  });

  it('refuses keys the token endpoint could not verify with: short RSA, an EC point off the curve, P-256', async () => {
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    const offCurve = { ...ec.publicJwk, x: ec.publicJwk.y };
    for (const [jwk, field] of [[{ ...short, kid: 'short' }, 'jwks.keys.0'], [offCurve, 'jwks.keys.0'], [{ ...ec.publicJwk, crv: 'P-256' }, 'jwks.keys.0.crv']] as const) {
      const res = await post({ ...valid(), jwks: { keys: [jwk] } });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(fields(res)).toContain(field);
    }
  });

  it('refuses scopes that are not SMART v2 system scopes, naming each', async () => {
    const res = await post({ ...valid(), scopes: ['system/Patient.rs', 'user/Patient.rs', 'system/Patient.read', 'system/Patient.sr'] });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['scopes.1', 'scopes.2', 'scopes.3']);
    expect((await post({ ...valid(), scopes: [] })).status).toBe(400);
    expect((await post({ ...valid(), clientSecret: 'x' })).status).toBe(400);
  });
});
