import type { Task } from '@medplum/fhirtypes';
import request from 'supertest';
import { ALL_CLEAR, LETTER_PDF, referralBody, setUpClinic } from './referral-fixtures';
import { startTestApp, type TestApp } from './test-app';

describe('a clinician reviews referrals', () => {
  let t: TestApp;
  let clinician: string;
  let referrer: string;
  let otherReferrer: string;

  beforeAll(async () => {
    t = await startTestApp('referral_review');
    const admin = (await t.signedIn('admin')).token;
    clinician = (await t.signedIn('clinician')).token;
    referrer = (await t.signedIn('referrer')).token;
    otherReferrer = (await t.signedIn('referrer')).token;
    await setUpClinic(t, admin);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => request(t.http).get(path).set('authorization', `Bearer ${token}`),
    post: (path: string, body: object, ifMatch?: string) => {
      const req = request(t.http).post(path).set('authorization', `Bearer ${token}`);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    },
  });

  async function refer(token: string, body: object = { ...referralBody(), attestations: ALL_CLEAR }): Promise<{ id: string; etag: string }> {
    const created = await as(token).post('/referrals', body);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const read = await as(clinician).get(`/referrals/${id}`);
    return { id, etag: read.headers.etag as string };
  }

  async function taskOf(id: string): Promise<Task> {
    const [row] = (await t.db.query(`SELECT r.resource FROM fhir_resource r JOIN referral f ON f.task_id = r.id WHERE f.id = $1`, [id])) as Array<{ resource: Task }>;
    return row!.resource;
  }

  it('lists referrals newest first, filtered; a referrer sees only their own', async () => {
    const mine = await refer(referrer);
    const theirs = await refer(otherReferrer, { ...referralBody(), indication: { system: 'http://snomed.info/sct', code: '47505003' } });
    const all = await as(clinician).get('/referrals');
    expect(all.status).toBe(200);
    expect(all.body.slice(0, 2).map((r: { id: string }) => r.id)).toEqual([theirs.id, mine.id]);
    expect(all.body[0]).toMatchObject({ status: 'needs-information', indication: { code: '47505003', display: expect.any(String) }, patient: { name: { family: 'Reyes' } }, version: expect.any(Number) });

    const own = await as(referrer).get('/referrals');
    expect(own.body.map((r: { id: string }) => r.id)).toEqual([mine.id]);
    const byIndication = await as(clinician).get('/referrals?indication=47505003');
    expect(byIndication.body.map((r: { id: string }) => r.id)).toEqual([theirs.id]);
    expect((await as(clinician).get('/referrals?status=declined')).body).toEqual([]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    expect((await as(clinician).get(`/referrals?receivedFrom=${today}&receivedTo=${today}&limit=200`)).body.length).toBeGreaterThanOrEqual(2);
    expect((await as(clinician).get('/referrals?receivedTo=2020-01-01')).body).toEqual([]);
  });

  it('names the field at fault in a bad query', async () => {
    const bad = await as(clinician).get('/referrals?status=lost&receivedFrom=2026-13-01&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'receivedFrom', 'status']);
    const backwards = await as(clinician).get('/referrals?receivedFrom=2026-11-02&receivedTo=2026-11-01');
    expect(backwards.body.errors).toEqual([{ field: 'receivedFrom', message: 'must not be after receivedTo' }]);
  });

  it('asks the referrer for information, from the version read: none is 428, a stale one 412', async () => {
    const { id, etag } = await refer(referrer);
    const question = { question: 'Please send the last two psychiatric notes.' };
    expect((await as(clinician).post(`/referrals/${id}/information-requests`, question)).status).toBe(428);
    expect((await as(clinician).post(`/referrals/${id}/information-requests`, question, 'W/"999"')).status).toBe(412);
    expect((await as(clinician).post(`/referrals/${id}/information-requests`, question, 'yesterday')).status).toBe(400);

    const asked = await as(clinician).post(`/referrals/${id}/information-requests`, question, etag);
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'needs-information', statusReason: question.question, decided: { by: expect.any(String) } });
    expect(asked.headers.etag).not.toBe(etag);
    expect(asked.headers.etag).toBe(`W/"${asked.body.version}"`);
    expect(await taskOf(id)).toMatchObject({ status: 'on-hold', statusReason: { text: question.question } });
    expect((await as(clinician).post(`/referrals/${id}/information-requests`, question, etag)).status).toBe(412);
  });

  it('accepts only what screening finds acceptable, and says what is missing', async () => {
    const { id, etag } = await refer(referrer);
    const refused = await as(clinician).post(`/referrals/${id}/decision`, { decision: 'accept' }, etag);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('referral letter');
    expect((await as(clinician).get(`/referrals/${id}`)).body.status).toBe('needs-information');

    const letter = await request(t.http).put(`/referrals/${id}/letter`).set('authorization', `Bearer ${referrer}`).set('content-type', 'application/pdf').send(LETTER_PDF);
    expect(letter.status).toBe(200);
    const current = (await as(clinician).get(`/referrals/${id}`)).headers.etag as string;
    const accepted = await as(clinician).post(`/referrals/${id}/decision`, { decision: 'accept' }, current);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decided: { by: expect.any(String), at: expect.any(String) } });
    expect(await taskOf(id)).toMatchObject({ status: 'accepted' });
  });

  it('declines with a reason, which screening does not undo', async () => {
    const { id, etag } = await refer(referrer);
    expect((await as(clinician).post(`/referrals/${id}/decision`, { decision: 'decline' }, etag)).body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    const declined = await as(clinician).post(`/referrals/${id}/decision`, { decision: 'decline', reason: 'Better served by the pain programme' }, etag);
    expect(declined.body).toMatchObject({ status: 'declined', statusReason: 'Better served by the pain programme' });
    // The letter completes what screening asked for; the clinician's decision stands.
    await request(t.http).put(`/referrals/${id}/letter`).set('authorization', `Bearer ${referrer}`).set('content-type', 'application/pdf').send(LETTER_PDF);
    expect((await as(clinician).get(`/referrals/${id}`)).body).toMatchObject({ status: 'declined', version: declined.body.version });
    expect(await taskOf(id)).toMatchObject({ status: 'rejected', statusReason: { text: 'Better served by the pain programme' } });
  });

  it('lets one of two concurrent decisions from the same version through; the other is told to read again', async () => {
    const { id, etag } = await refer(referrer);
    const decisions = await Promise.all([
      as(clinician).post(`/referrals/${id}/decision`, { decision: 'decline', reason: 'First reviewer' }, etag),
      as(clinician).post(`/referrals/${id}/information-requests`, { question: 'Second reviewer' }, etag),
    ]);
    expect(decisions.map((d) => d.status).sort()).toEqual([200, 412]);
    const winner = decisions.find((d) => d.status === 200)!;
    expect((await as(clinician).get(`/referrals/${id}`)).body).toMatchObject({ statusReason: winner.body.statusReason, version: winner.body.version });
  });

  it('commits each change with its audit row, in one transaction; a refused change leaves only its refusal', async () => {
    const { id, etag } = await refer(referrer);
    const decided = await as(clinician).post(`/referrals/${id}/decision`, { decision: 'decline', reason: 'Not a candidate' }, etag);
    expect((await as(clinician).post(`/referrals/${id}/decision`, { decision: 'decline', reason: 'Again' }, etag)).status).toBe(412);
    // Rows a transaction writes carry its id (xmin): the referral and its audit rows share the one that wrote them.
    const [created] = (await t.db.query(`SELECT xmin::text AS tx FROM outbox WHERE resource_id = $1 ORDER BY id LIMIT 1`, [id])) as Array<{ tx: string }>;
    const audit = (await t.db.query(
      `SELECT action, outcome, error_code, xmin::text AS tx FROM audit_event WHERE resource_id = $1 AND resource_type = 'referral' AND action IN ('create', 'update') ORDER BY id`, [id],
    )) as Array<{ action: string; outcome: string; error_code: string | null; tx: string }>;
    const [referralTx] = (await t.db.query(`SELECT xmin::text AS tx FROM referral WHERE id = $1`, [id])) as Array<{ tx: string }>;
    expect(audit.map(({ action, outcome, error_code }) => [action, outcome, error_code])).toEqual([
      ['create', 'success', null], ['update', 'success', null], ['update', 'failed', 'precondition_failed'],
    ]);
    expect(created?.tx).toBe(audit[0]!.tx);
    expect(referralTx?.tx).toBe(audit[1]!.tx);
    expect(audit[2]!.tx).not.toBe(audit[1]!.tx);
    expect(decided.status).toBe(200);
  });

  it('hides another referrer\'s referral from a referrer, and lets no referrer decide', async () => {
    const { id, etag } = await refer(otherReferrer);
    expect((await as(referrer).get(`/referrals/${id}`)).status).toBe(404);
    expect((await as(referrer).post(`/referrals/${id}/decision`, { decision: 'accept' }, etag)).status).toBe(403);
  });
});
