import { generateKeyPairSync, randomUUID } from 'node:crypto';
import request from 'supertest';
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
  const patch = (id: string, body: object) => request(t.http).patch(`/ehr-clients/${id}`).set('authorization', `Bearer ${admin}`).send(body);
  const valid = () => ({ name: 'Harbor Hospital EHR', jwks: { keys: [rsa.publicJwk, ec.publicJwk] }, scopes: ['system/Patient.rs', 'system/*.s'] });
  const fields = (res: request.Response) => (res.body.errors as Array<{ field: string }>).map((e) => e.field);

  it('registers a client and answers its client_id; admins and ops can read it back', async () => {
    const created = await post(valid());
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), ...valid(), enabled: true, createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    const id = created.body.id as string;
    expect((await request(t.http).get(`/ehr-clients/${id}`).set('authorization', `Bearer ${ops}`)).body).toEqual(created.body);
    const list = await request(t.http).get('/ehr-clients').set('authorization', `Bearer ${admin}`);
    expect(list.body.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('changes name, keys, scopes and enabled, and audits creation and change', async () => {
    const id = (await post(valid())).body.id as string;
    const changed = await patch(id, { name: 'Renamed EHR', jwks: { keys: [ec.publicJwk] }, scopes: ['system/Task.s'], enabled: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Renamed EHR', jwks: { keys: [ec.publicJwk] }, scopes: ['system/Task.s'], enabled: false });
    const rows = await t.db.query(`SELECT action, outcome FROM audit_event WHERE resource_type = 'ehr-client' AND resource_id = $1 ORDER BY id`, [id]);
    expect(rows).toEqual([{ action: 'create', outcome: 'success' }, { action: 'update', outcome: 'success' }]);
    expect((await patch(randomUUID(), { enabled: true })).status).toBe(404);
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
    const res = await patch(id, { jwks: { keys: [await privateJwk(ec)] } });
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
