import { writeProjection } from '@keta/db';
import { toFhirPatient, type ProjectedResource } from '@keta/fhir-mapping';
import type { Bundle } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { SUPPORTED, type SearchParamDefinition } from '../src/fhir/supported-resources';
import { clinicRecord, type RecordType } from './clinic-record-fixtures';
import { entriesOf, fhirGet, issuesOf } from './fhir-fixtures';
import { startTestApp, type TestApp } from './test-app';

const TYPES: RecordType[] = [
  'DocumentReference', 'Consent', 'Condition', 'Encounter', 'MedicationAdministration', 'MedicationStatement', 'Observation', 'DetectedIssue',
  'QuestionnaireResponse',
];

/** Per type: a record in 2025 for the first patient, one in 2024 (last updated in 2020) for the second. */
describe('searching the clinic\'s records on /fhir/R4, every advertised parameter', () => {
  let t: TestApp;
  let token: string;
  const patients = [randomUUID(), randomUUID()] as const;
  const records = new Map<RecordType, [ProjectedResource, ProjectedResource]>();

  beforeAll(async () => {
    t = await startTestApp('fhir_search_records');
    token = (await t.signedIn('clinician')).token;
    for (const type of TYPES) records.set(type, [clinicRecord(type, patients[0], true), clinicRecord(type, patients[1], false)]);
    await t.db.transaction(async (tx) => {
      const demographics = { name: { given: ['Ana'], family: 'Reyes' }, birthDate: '1984-02-29', sex: 'female' as const, identifiers: [] };
      await writeProjection(tx, patients.map((id) => toFhirPatient({ id, demographics })));
      await writeProjection(tx, [...records.values()].flat());
    });
    const older = [...records.values()].map(([, second]) => second.resource.id);
    await t.db.query(`UPDATE fhir_resource SET last_updated = '2020-06-01T00:00:00Z' WHERE id = ANY($1::uuid[])`, [older]);
  });
  afterAll(() => t.close());

  const ids = async (type: RecordType, query: string) => {
    const res = await fhirGet(t, `${type}?${query}`, token);
    expect(res.status).toBe(200);
    return entriesOf(res.body as Bundle).map((r) => r.id).sort();
  };

  /** The query that picks the 2025 record by this parameter, and which records it should match. */
  function probe(type: RecordType, param: SearchParamDefinition): { query: string; matches: ProjectedResource[] } {
    const [first, second] = records.get(type)!;
    switch (param.kind) {
      case 'id':
        return { query: `_id=${first.resource.id}`, matches: [first] };
      case 'last-updated':
        return { query: '_lastUpdated=lt2021', matches: [second] };
      case 'identifier':
        return { query: `identifier=${first.syncIdentifier.system}|${first.syncIdentifier.value}`, matches: [first] };
      case 'patient':
        return { query: `${param.name}=Patient/${patients[0]}`, matches: [first] };
      case 'status':
        return { query: `${param.name}=${first.status}`, matches: [first, second].filter((r) => r.status === first.status) };
      case 'date':
        return { query: `${param.name}=2025`, matches: [first] };
    }
  }

  it.each(TYPES.flatMap((type) => SUPPORTED[type].searchParams.map((param) => [type, param.name, param] as const)))(
    '%s?%s finds what it names and nothing else',
    async (type, _name, param) => {
      const { query, matches } = probe(type, param);
      expect(matches.length).toBeGreaterThan(0);
      expect(await ids(type, query)).toEqual(matches.map((r) => r.resource.id).sort());
    },
  );

  it('tells the records\' statuses apart where the type has them (the status probes above are not vacuous)', () => {
    const differ = TYPES.filter((type) => { const [a, b] = records.get(type)!; return a.status !== b.status; });
    expect(differ).toEqual(['Consent', 'Condition', 'Encounter', 'MedicationAdministration', 'MedicationStatement', 'DetectedIssue']);
  });

  it.each(TYPES)('%s?_include=%s:patient adds the patient', async (type) => {
    const res = await fhirGet(t, `${type}?patient=${patients[1]}&_include=${type}:patient`, token);
    expect(entriesOf(res.body as Bundle, 'include').map((r) => r.id)).toEqual([patients[1]]);
  });

  it.each(TYPES)('%s answers an unknown parameter with 400 naming it', async (type) => {
    const res = await fhirGet(t, `${type}?code=44261-6`, token);
    expect(res.status).toBe(400);
    expect(issuesOf(res.body).map((i) => i.expression)).toEqual([['code']]);
  });
});
