import type { Bundle, DetectedIssue, DocumentReference, Task } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { entriesOf, fhirGet } from './fhir-fixtures';
import { ALL_CLEAR, LETTER_PDF as PDF, referralBody, setUpClinic } from './referral-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';


/** A referral as an EHR sends one, with what it knows about the patient: a condition, a home medication, a BP, the letter. */
function referralBundle(mrn: string): Bundle {
  const [patient, practitioner] = [`urn:uuid:${randomUUID()}`, `urn:uuid:${randomUUID()}`];
  const about = { subject: { reference: patient } };
  const entry = (resource: object, id = `urn:uuid:${randomUUID()}`) => ({ fullUrl: id, resource, request: { method: 'POST', url: (resource as { resourceType: string }).resourceType } });
  return {
    resourceType: 'Bundle', type: 'transaction',
    entry: [
      entry({ resourceType: 'Patient', identifier: [{ system: 'http://harbor-hospital.example/mrn', value: mrn }], name: [{ family: 'Okonkwo', given: ['Ife'] }], birthDate: '1988-06-30', gender: 'female' }, patient),
      entry({ resourceType: 'Practitioner', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], name: [{ given: ['Mia'], family: 'Lee' }] }, practitioner),
      entry({
        resourceType: 'ServiceRequest', status: 'active', intent: 'order', identifier: [{ system: 'http://harbor-hospital.example/referral', value: `R-${mrn}` }],
        subject: { reference: patient }, requester: { reference: practitioner },
        reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1' }], text: 'Recurrent depression' }],
        note: [{ text: 'Two failed SSRI trials' }],
      }),
      entry({ resourceType: 'Condition', identifier: [{ system: 'http://harbor-hospital.example/problem', value: `P-${mrn}` }], clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] }, code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F20.9' }], text: 'Schizophrenia' }, ...about }),
      entry({ resourceType: 'MedicationStatement', status: 'active', medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197901' }], text: 'lorazepam 1 MG Oral Tablet' }, ...about }),
      entry({
        resourceType: 'Observation', status: 'final', category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
        code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] }, effectiveDateTime: '2026-11-20T09:00:00Z', ...about,
        component: [
          { code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 132, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
          { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: { value: 84, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
        ],
      }),
      entry({
        resourceType: 'DocumentReference', status: 'current', type: { coding: [{ system: 'http://loinc.org', code: '57133-1' }] }, ...about,
        content: [{ attachment: { contentType: 'application/pdf', data: PDF.toString('base64') } }],
      }),
    ],
  } as Bundle;
}

describe('screening a referral at intake', () => {
  let t: TestApp;
  let clinician: string;
  let referrer: string;

  beforeAll(async () => {
    t = await startTestApp('referral_screening');
    const admin = (await t.signedIn('admin')).token;
    clinician = (await t.signedIn('clinician')).token;
    referrer = (await t.signedIn('referrer')).token;
    await setUpClinic(t, admin);
  });
  afterAll(() => t.close());

  const taskOf = async (referralId: string) => {
    const [row] = (await t.db.query(`SELECT task_id FROM referral WHERE id = $1`, [referralId])) as Array<{ task_id: string }>;
    return (await fhirGet(t, `Task/${row!.task_id}`, clinician)).body as Task;
  };
  const issuesAbout = async (patientRef: string) =>
    entriesOf((await fhirGet(t, `DetectedIssue?patient=${patientRef}&_count=50`, clinician)).body as Bundle) as DetectedIssue[];
  const patientOf = async (referralId: string) =>
    ((await t.db.query(`SELECT patient_id FROM referral WHERE id = $1`, [referralId])) as Array<{ patient_id: string }>)[0]!.patient_id;

  it('holds a referral without its letter, then accepts it once the letter comes', async () => {
    const created = await request(t.http).post('/referrals').set('authorization', `Bearer ${referrer}`).send({ ...referralBody(), attestations: ALL_CLEAR });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(await taskOf(id)).toMatchObject({ status: 'on-hold', statusReason: { text: 'Ask the treating mental-health provider for a referral letter.' } });
    const [missing] = await issuesAbout(await patientOf(id));
    expect(missing).toMatchObject({ status: 'final', severity: 'high', code: { coding: [{ code: 'referral.mental-health-letter-missing' }] } });
    // The reviewing clinician reads the findings with the referral; its referrer reads the status and its reason.
    const reviewed = await request(t.http).get(`/referrals/${id}`).set('authorization', `Bearer ${clinician}`);
    expect(reviewed.body.findings).toEqual([expect.objectContaining({ code: 'referral.mental-health-letter-missing', severity: 'block', source: expect.stringContaining('Do I need a referral to begin therapy?'), medicationId: null })]);
    expect((await request(t.http).get(`/referrals/${id}`).set('authorization', `Bearer ${referrer}`)).body).not.toHaveProperty('findings');

    const put = await request(t.http).put(`/referrals/${id}/letter`).set('authorization', `Bearer ${referrer}`).set('content-type', 'application/pdf').send(PDF);
    expect(put.status).toBe(200);
    const task = await taskOf(id);
    expect(task).toMatchObject({ status: 'accepted', businessStatus: { coding: [{ code: '3.0' }] } });
    expect(task.statusReason).toBeUndefined();
    expect((await issuesAbout(await patientOf(id))).map((i) => [i.id, i.status])).toEqual([[missing!.id, 'mitigated']]);
    expect((await request(t.http).get(`/referrals/${id}`).set('authorization', `Bearer ${clinician}`)).body.findings).toEqual([]);

    const [letter] = entriesOf((await fhirGet(t, `DocumentReference?patient=${await patientOf(id)}`, clinician)).body as Bundle) as DocumentReference[];
    expect(letter).toMatchObject({ type: { coding: [{ code: '57133-1' }] }, content: [{ attachment: { contentType: 'application/pdf', url: `Binary/${put.body.id}` } }] });
    const pdf = await fhirGet(t, letter!.content[0]!.attachment.url!, clinician).set('accept', 'application/pdf').buffer(true);
    expect([pdf.status, pdf.headers['content-type'], (pdf.body as Buffer).equals(PDF)]).toEqual([200, 'application/pdf', true]);
    const binary = await fhirGet(t, `Binary/${put.body.id}`, clinician);
    expect(binary.body).toMatchObject({ resourceType: 'Binary', contentType: 'application/pdf', data: PDF.toString('base64') });
  });

  it('asks the screening questions nobody has answered yet', async () => {
    const created = await request(t.http).post('/referrals').set('authorization', `Bearer ${referrer}`).send(referralBody());
    const task = await taskOf(created.body.id as string);
    expect(task.status).toBe('on-hold');
    expect(task.statusReason?.text).toContain('Is the patient pregnant?');
    const codes = (await issuesAbout(await patientOf(created.body.id as string))).map((i) => i.code?.coding?.at(-1)?.code);
    expect(codes).toEqual(expect.arrayContaining(['eligibility.pregnancy-unknown', 'eligibility.treatment-history-unknown', 'referral.mental-health-letter-missing']));
  });

  it('declines an EHR\'s referral on what the Bundle says, keeps every record it brought, and changes nothing when it comes again', async () => {
    const bundle = referralBundle(`MRN-${randomUUID()}`);
    const first = await request(t.http).post('/fhir/R4').set('authorization', `Bearer ${clinician}`).set('content-type', 'application/fhir+json').send(bundle);
    expect(first.status).toBe(200);
    const locations = (first.body as Bundle).entry!.map((e) => e.response?.location?.split('/')[0]);
    expect(locations).toEqual(['Patient', undefined, 'ServiceRequest', 'Condition', 'MedicationStatement', 'Observation', 'DocumentReference']);
    const referralId = (first.body as Bundle).entry![2]!.response!.location!.split('/')[1]!;
    const medication = (first.body as Bundle).entry![4]!.response!.location!;

    const task = await taskOf(referralId);
    expect(task).toMatchObject({ status: 'rejected', businessStatus: { coding: [{ code: '4.0' }] } });
    expect(task.statusReason?.text).toMatch(/^Not eligible: a history of psychosis \(condition F20\.9\)/);
    const issues = await issuesAbout(await patientOf(referralId));
    const psychosis = issues.find((i) => i.code?.coding?.some((c) => c.code === 'eligibility.history-of-psychosis'));
    const interaction = issues.find((i) => i.code?.coding?.some((c) => c.code === 'DRG'));
    expect(psychosis).toMatchObject({ severity: 'high', status: 'final' });
    expect(interaction).toMatchObject({ implicated: [{ reference: medication }] });
    expect(issues.map((i) => i.code?.coding?.at(-1)?.code)).not.toContain('referral.mental-health-letter-missing');
    const [stored] = (await t.db.query(`SELECT ciphertext FROM document WHERE referral_id = $1`, [referralId])) as Array<{ ciphertext: Buffer }>;
    expect(stored!.ciphertext.includes(Buffer.from('%PDF'))).toBe(false);

    const tables = ['patient', 'referral', 'condition', 'home_medication', 'measurement', 'screening_finding', 'document', 'fhir_resource', 'outbox', 'inbound_record'];
    const count = async () => Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await countRows(t.db, table)])));
    const before = await count();
    const again = await request(t.http).post('/fhir/R4').set('authorization', `Bearer ${clinician}`).set('content-type', 'application/fhir+json').send(bundle);
    expect(again.status).toBe(200);
    expect((again.body as Bundle).entry!.map((e) => e.response?.location)).toEqual((first.body as Bundle).entry!.map((e) => e.response?.location));
    expect(await count()).toEqual(before);
  });

  it('screens the patient\'s other open referrals again when a new one brings something about them', async () => {
    const mrn = `MRN-${randomUUID()}`;
    const body = referralBody({ family: 'Okonkwo', birthDate: '1988-06-30' });
    const first = await request(t.http).post('/referrals').set('authorization', `Bearer ${referrer}`)
      .send({ ...body, patient: { ...body.patient, identifiers: [{ system: 'http://harbor-hospital.example/mrn', value: mrn }] }, attestations: ALL_CLEAR });
    await request(t.http).put(`/referrals/${first.body.id}/letter`).set('authorization', `Bearer ${referrer}`).set('content-type', 'application/pdf').send(PDF);
    expect((await taskOf(first.body.id)).status).toBe('accepted');

    // The hospital's referral of the same patient brings a history of psychosis: the first referral no longer holds.
    const second = await request(t.http).post('/fhir/R4').set('authorization', `Bearer ${clinician}`).set('content-type', 'application/fhir+json').send(referralBundle(mrn));
    expect(second.status).toBe(200);
    expect(await patientOf((second.body as Bundle).entry![2]!.response!.location!.split('/')[1]!)).toBe(await patientOf(first.body.id));
    const task = await taskOf(first.body.id);
    expect([task.status, task.statusReason?.text]).toEqual(['rejected', expect.stringMatching(/^Not eligible: a history of psychosis/)]);
    const [finding] = await t.db.query(`SELECT severity FROM screening_finding WHERE referral_id = $1 AND code = 'eligibility.history-of-psychosis' AND resolved_at IS NULL`, [first.body.id]);
    expect(finding).toEqual({ severity: 'block' });
  });
});
