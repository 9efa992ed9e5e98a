import request from 'supertest';
import { createHash } from 'node:crypto';
import { createReferral } from './fhir-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

describe('consents', () => {
  let t: TestApp;
  let admin: string;
  let frontDesk: string;
  let witnessId: string;
  let referrerId: string;
  let patientId: string;
  let privacyForm: { id: string; version: number };
  let treatmentForm: { id: string; version: number };

  beforeAll(async () => {
    t = await startTestApp('consents');
    admin = (await t.signedIn('admin')).token;
    const desk = await t.signedIn('front-desk');
    frontDesk = desk.token;
    witnessId = desk.user.id;
    const referrer = await t.signedIn('referrer');
    referrerId = referrer.user.id;
    patientId = (await createReferral(t, referrer.token)).patient;
    privacyForm = (await publish({ kind: 'privacy', title: 'Release of records to your EHR', body: 'I allow the clinic to send my records to the EHR named here.' })).body;
    treatmentForm = (await publish({ kind: 'treatment', title: 'Informed consent to IV ketamine', body: 'Ketamine is used off-label for depression. Risks include...' })).body;
  });
  afterAll(() => t.close());

  const post = (path: string, body?: object, ifMatch?: string) => {
    const req = request(t.http).post(path).set('authorization', `Bearer ${frontDesk}`);
    return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
  };
  const consentsOfPatient = () => request(t.http).get(`/patients/${patientId}/consents`).set('authorization', `Bearer ${frontDesk}`);
  const publish = (body: object) => request(t.http).post('/consent-forms').set('authorization', `Bearer ${admin}`).send(body);
  const sign = (body: object) => post(`/patients/${patientId}/consents`, { kind: 'treatment', formId: treatmentForm.id, witnessId, ...body });

  it('records a privacy consent on its form, naming its EHR and witness, projects it as a Consent, and revokes it once', async () => {
    const created = await post(`/patients/${patientId}/consents`, {
      kind: 'privacy', formId: privacyForm.id, witnessId, recipient: { name: 'Harbor EHR', url: 'https://ehr.harbor.example/fhir/R4/' }, coversPart2: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'privacy', status: 'active', recipient: { name: 'Harbor EHR', url: 'https://ehr.harbor.example/fhir/R4' }, coversPart2: true,
      form: { id: privacyForm.id, version: 1, title: 'Release of records to your EHR' }, signedBy: { signer: 'patient' }, witnessedBy: witnessId,
    });
    const [projected] = await t.db.query(`SELECT status, resource FROM fhir_resource WHERE resource_type = 'Consent' AND id = $1`, [created.body.id]);
    expect(projected).toMatchObject({
      status: 'active',
      resource: { scope: { coding: [{ code: 'patient-privacy' }] }, patient: { reference: `Patient/${patientId}` }, policy: [{ uri: `urn:uuid:${privacyForm.id}` }] },
    });

    expect([created.body.version, created.headers.etag]).toEqual([1, 'W/"1"']);

    const revoked = await post(`/consents/${created.body.id}/revoke`, undefined, created.headers.etag as string);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String), form: { id: privacyForm.id }, version: 2 });
    const [after] = await t.db.query(`SELECT status, version FROM fhir_resource WHERE id = $1`, [created.body.id]);
    expect(after).toEqual({ status: 'inactive', version: 2 });
    expect((await post(`/consents/${created.body.id}/revoke`, undefined, revoked.headers.etag as string)).status).toBe(409);
  });

  it('revokes a consent from the version its patient\'s list gives: none is 428, a stale one 412 and nothing changes', async () => {
    const created = await sign({});
    const version = () => consentsOfPatient().then((res) => (res.body as Array<{ id: string; version: number; status: string }>).find((c) => c.id === created.body.id));
    expect(await version()).toMatchObject({ status: 'active', version: 1 });
    expect((await post(`/consents/${created.body.id}/revoke`)).status).toBe(428);
    expect((await post(`/consents/${created.body.id}/revoke`, undefined, 'W/"2"')).status).toBe(412);
    expect(await version()).toMatchObject({ status: 'active', version: 1 });
    expect((await t.db.query(`SELECT version FROM fhir_resource WHERE id = $1`, [created.body.id]))[0].version).toBe(1);
    const revoked = await post(`/consents/${created.body.id}/revoke`, undefined, `W/"${(await version())!.version}"`);
    expect([revoked.status, revoked.headers.etag]).toEqual([200, 'W/"2"']);
    expect(await version()).toMatchObject({ status: 'revoked', version: 2 });
  });

  it('records who signed: a legal representative by name, as the Consent\'s performer', async () => {
    const created = await sign({ signedBy: { signer: 'legal-representative', representativeName: 'Jordan Rivera' } });
    expect(created.status).toBe(201);
    expect(created.body.signedBy).toEqual({ signer: 'legal-representative', representativeName: 'Jordan Rivera' });
    const [projected] = await t.db.query(`SELECT resource FROM fhir_resource WHERE id = $1`, [created.body.id]);
    expect(projected.resource.performer).toEqual([{ display: 'Jordan Rivera' }]);
    const list = await consentsOfPatient();
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({ id: created.body.id, kind: 'treatment', form: { id: treatmentForm.id }, version: 1 });
  });

  it('publishes each kind\'s forms as versions 1, 2, 3 even when published at once, and lists the latest first', async () => {
    const published = await Promise.all([1, 2, 3].map((n) => publish({ kind: 'treatment', title: `Treatment consent, edition ${n}`, body: 'text' })));
    expect(published.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(published.map((r) => r.body.version).sort()).toEqual([2, 3, 4]);
    const listed = await request(t.http).get('/consent-forms?kind=treatment').set('authorization', `Bearer ${frontDesk}`);
    expect(listed.body.map((f: { version: number }) => f.version)).toEqual([4, 3, 2, 1]);
    treatmentForm = listed.body[0];
    const one = await request(t.http).get(`/consent-forms/${treatmentForm.id}`).set('authorization', `Bearer ${frontDesk}`);
    expect(one.body).toMatchObject({ kind: 'treatment', version: 4, body: 'text' });
    expect((await request(t.http).get('/consent-forms/00000000-0000-4000-8000-000000000000').set('authorization', `Bearer ${frontDesk}`)).status).toBe(404);
    expect((await publish({ kind: 'treatment', title: ' ', body: 'text' })).body.errors).toEqual([expect.objectContaining({ field: 'title' })]);
  });

  it('refuses a form of the other kind, a replaced version, a witness who is not staff, and a bad signer, writing nothing', async () => {
    const before = await countRows(t.db, 'consent');
    const refusal = async (body: object) => {
      const res = await sign(body);
      return [res.status, res.body.errors?.map((e: { field: string }) => e.field)];
    };
    expect(await refusal({ formId: privacyForm.id })).toEqual([422, ['formId']]);
    const [old] = await t.db.query(`SELECT id FROM consent_form WHERE kind = 'treatment' AND version = 1`);
    expect(await refusal({ formId: old.id })).toEqual([422, ['formId']]);
    expect(await refusal({ formId: '00000000-0000-4000-8000-000000000000' })).toEqual([422, ['formId']]);
    expect(await refusal({ witnessId: referrerId })).toEqual([422, ['witnessId']]);
    expect(await refusal({ witnessId: undefined })).toEqual([400, ['witnessId']]);
    expect(await refusal({ signedBy: { signer: 'legal-representative' } })).toEqual([400, ['signedBy.representativeName']]);
    expect(await refusal({ signedAt: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([400, ['signedAt']]);
    expect(await countRows(t.db, 'consent')).toBe(before);
  });

  it('refuses a privacy consent without its recipient, a treatment consent with one, and an unknown patient, writing nothing', async () => {
    const before = await countRows(t.db, 'consent');
    const noRecipient = await post(`/patients/${patientId}/consents`, { kind: 'privacy', formId: privacyForm.id, witnessId });
    expect([noRecipient.status, noRecipient.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['recipient']]);
    expect((await sign({ recipient: { name: 'X' } })).status).toBe(400);
    expect((await post('/patients/00000000-0000-4000-8000-000000000000/consents', { kind: 'treatment', formId: treatmentForm.id, witnessId })).status).toBe(404);
    expect(await countRows(t.db, 'consent')).toBe(before);
  });

  it('keeps the signed form in the document store once, named by the Consent, from the consent\'s version', async () => {
    const signed = await sign({});
    expect(signed.status).toBe(201);
    const put = (bytes: Buffer, ifMatch?: string, type = 'application/pdf') => {
      const req = request(t.http).put(`/consents/${signed.body.id}/document`).set('authorization', `Bearer ${frontDesk}`).set('content-type', type);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(bytes);
    };
    const pdf = Buffer.from('%PDF-1.7\nSigned: informed consent to IV ketamine.\n%%EOF\n');
    const documents = () => countRows(t.db, 'document');
    const before = await documents();
    expect((await put(pdf)).status).toBe(428);
    expect((await put(Buffer.from('GIF89a not a pdf'), 'W/"1"')).body.errors).toEqual([{ field: 'body', message: 'does not start with %PDF-' }]);
    expect((await put(pdf, 'W/"1"', 'image/png')).status).toBe(415);
    expect(await documents()).toBe(before);

    const kept = await put(pdf, 'W/"1"');
    expect([kept.status, kept.headers.etag, kept.body.documentId]).toEqual([200, 'W/"2"', expect.any(String)]);
    const [stored] = await t.db.query(`SELECT kind, patient_id, sha256 FROM document WHERE id = $1`, [kept.body.documentId]);
    expect(stored).toEqual({ kind: 'signed-consent', patient_id: patientId, sha256: createHash('sha256').update(pdf).digest('hex') });
    const [consent] = await t.db.query(`SELECT resource FROM fhir_resource WHERE id = $1`, [signed.body.id]);
    expect(consent.resource.sourceAttachment).toEqual({ contentType: 'application/pdf', url: `Binary/${kept.body.documentId}` });
    expect((await put(pdf, 'W/"2"')).status).toBe(409);
    expect(await documents()).toBe(before + 1);
  });
});
