import { validateResource } from '@medplum/core';
import type { Bundle, CapabilityStatement } from '@medplum/fhirtypes';
import { indexFhirDefinitions } from './fhir-definitions';
import { createReferral, entriesOf, fhirGet, issuesOf, linkOf, type ReferralIds } from './fhir-fixtures';
import { referralBody } from './referral-fixtures';
import { startTestApp, type TestApp } from './test-app';

type Key = 'a1' | 'a2' | 'b';
interface SearchCase {
  type: 'Patient' | 'ServiceRequest' | 'Task';
  query: (w: World) => string;
  /** The referrals whose resource of `type` must match, exactly. */
  matches: Key[];
}
type World = Record<Key, ReferralIds> & { mrnA: string; mrnB: string };

const MRN = 'http://hospital.example/mrn';
const P = (q: string, matches: Key[]): SearchCase => ({ type: 'Patient', query: () => q, matches });

/**
 * Every search parameter and _include value, per type. Patient A has referrals a1 and a2 (a2 completed),
 * patient B has referral b; their dates are set in beforeAll. A test below fails if the CapabilityStatement
 * advertises a parameter that no case here uses.
 */
const CASES: Array<[string, SearchCase]> = [
  ['_id', { type: 'Patient', query: (w) => `_id=${w.a1.patient}`, matches: ['a1'] }],
  ['_id, comma is OR', { type: 'Patient', query: (w) => `_id=${w.a1.patient},${w.b.patient}`, matches: ['a1', 'b'] }],
  ['_id, repeated is AND', { type: 'Patient', query: (w) => `_id=${w.a1.patient}&_id=${w.b.patient}`, matches: [] }],
  ['_id, a FHIR id that is not ours', P('_id=not-a-uuid', [])],
  ['identifier system|value', { type: 'Patient', query: (w) => `identifier=${MRN}|${w.mrnA}`, matches: ['a1'] }],
  ['identifier value', { type: 'Patient', query: (w) => `identifier=${w.mrnB}`, matches: ['b'] }],
  ['identifier system|', P(`identifier=${MRN}|`, ['a1', 'b'])],
  ['identifier |value (no system)', { type: 'Patient', query: (w) => `identifier=|${w.mrnA}`, matches: [] }],
  ['identifier, comma is OR', { type: 'Patient', query: (w) => `identifier=${w.mrnA},urn:keta:patient|${w.b.patient}`, matches: ['a1', 'b'] }],
  ['_lastUpdated day', P('_lastUpdated=2020-01-15', ['a1'])],
  ['_lastUpdated gt year', P('_lastUpdated=gt2020', ['b'])],
  ['_lastUpdated lt', P('_lastUpdated=lt2021-06-30T23:30:00Z', ['a1'])],
  ['_lastUpdated le second (a range)', P('_lastUpdated=le2020-01-15T10:00:00Z', ['a1'])],
  ['_lastUpdated ge with an encoded offset', P('_lastUpdated=ge2021-07-01T01:00:00%2B02:00', ['b'])],
  ['_lastUpdated eq to the microsecond', P('_lastUpdated=eq2020-01-15T10:00:00.123456Z', ['a1'])],
  ['_lastUpdated eq milliseconds around it', P('_lastUpdated=2020-01-15T10:00:00.123Z,2021-06-30T23:30:00.001Z', ['a1'])],
  ['_lastUpdated with an unencoded +', P('_lastUpdated=2020-01-15T11:00:00+01:00', ['a1'])],
  ['ServiceRequest _id', { type: 'ServiceRequest', query: (w) => `_id=${w.a2.serviceRequest}`, matches: ['a2'] }],
  ['ServiceRequest _lastUpdated', { type: 'ServiceRequest', query: () => `_lastUpdated=ge2020-02&_lastUpdated=lt2021`, matches: ['a2'] }],
  ['ServiceRequest identifier', { type: 'ServiceRequest', query: (w) => `identifier=urn:keta:referral|${w.b.serviceRequest}`, matches: ['b'] }],
  ['ServiceRequest patient', { type: 'ServiceRequest', query: (w) => `patient=Patient/${w.a1.patient}`, matches: ['a1', 'a2'] }],
  ['ServiceRequest patient, bare id', { type: 'ServiceRequest', query: (w) => `patient=${w.b.patient}`, matches: ['b'] }],
  ['ServiceRequest subject', { type: 'ServiceRequest', query: (w) => `subject=Patient/${w.b.patient},${w.a1.patient}`, matches: ['a1', 'a2', 'b'] }],
  ['ServiceRequest status', { type: 'ServiceRequest', query: () => 'status=active', matches: ['a1', 'b'] }],
  ['ServiceRequest status, comma is OR', { type: 'ServiceRequest', query: () => 'status=completed,revoked', matches: ['a2'] }],
  ['ServiceRequest status, repeated is AND', { type: 'ServiceRequest', query: () => 'status=active&status=completed', matches: [] }],
  ['ServiceRequest authored year', { type: 'ServiceRequest', query: () => 'authored=2020', matches: ['a1', 'a2'] }],
  ['ServiceRequest authored month', { type: 'ServiceRequest', query: () => 'authored=eq2020-01', matches: ['a1'] }],
  ['ServiceRequest authored gt month', { type: 'ServiceRequest', query: () => 'authored=gt2020-01', matches: ['a2', 'b'] }],
  ['ServiceRequest authored ge and lt', { type: 'ServiceRequest', query: () => 'authored=ge2020-02-01&authored=lt2021-06-30T23:30:00Z', matches: ['a2'] }],
  ['ServiceRequest authored le day', { type: 'ServiceRequest', query: () => 'authored=le2020-01-15', matches: ['a1'] }],
  ['ServiceRequest _include', { type: 'ServiceRequest', query: (w) => `patient=${w.a1.patient}&_include=ServiceRequest:patient`, matches: ['a1', 'a2'] }],
  ['Task _id', { type: 'Task', query: (w) => `_id=${w.a1.task}`, matches: ['a1'] }],
  ['Task _lastUpdated', { type: 'Task', query: () => '_lastUpdated=2021-06-30', matches: ['b'] }],
  ['Task identifier', { type: 'Task', query: (w) => `identifier=urn:keta:referral-task|${w.a2.task}`, matches: ['a2'] }],
  ['Task patient', { type: 'Task', query: (w) => `patient=${w.b.patient}`, matches: ['b'] }],
  ['Task subject', { type: 'Task', query: (w) => `subject=Patient/${w.a1.patient}`, matches: ['a1', 'a2'] }],
  ['Task status', { type: 'Task', query: () => 'status=received', matches: ['a1', 'b'] }],
  ['Task authored-on', { type: 'Task', query: () => 'authored-on=lt2020-02-01T00:00:00Z', matches: ['a1'] }],
  ['Task _include', { type: 'Task', query: (w) => `_id=${w.b.task}&_include=Task:patient`, matches: ['b'] }],
];

const ID_KEY = { Patient: 'patient', ServiceRequest: 'serviceRequest', Task: 'task' } as const;

describe('FHIR search (GET /fhir/R4/:type)', () => {
  let t: TestApp;
  let clinician: string;
  const w = {} as World;

  /** Sets a resource's dates in the projection, column and JSON alike, so the cases do not depend on the clock. */
  async function setDates(type: string, id: string, lastUpdated: string, authoredOn?: string) {
    await t.db.query(
      `UPDATE fhir_resource SET last_updated = $3::timestamptz,
         resource = jsonb_set(resource, '{meta,lastUpdated}', to_jsonb($3::timestamptz)) || CASE WHEN $4::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('authoredOn', $4::text) END
       WHERE resource_type = $1 AND id = $2`,
      [type, id, lastUpdated, authoredOn ?? null],
    );
  }

  async function complete(ids: ReferralIds) {
    await t.db.query(`UPDATE fhir_resource SET status = 'completed', resource = resource || '{"status":"completed"}' WHERE id = ANY($1::uuid[])`, [[ids.serviceRequest, ids.task]]);
  }

  beforeAll(async () => {
    indexFhirDefinitions();
    t = await startTestApp('fhir_search');
    clinician = (await t.signedIn('clinician')).token;
    const referrer = (await t.signedIn('referrer')).token;
    w.mrnA = `MRN-A-${Date.now()}`;
    w.mrnB = `MRN-B-${Date.now()}`;
    w.a1 = await createReferral(t, referrer, referralBody({ mrn: w.mrnA }));
    w.a2 = await createReferral(t, referrer, referralBody({ mrn: w.mrnA }));
    w.b = await createReferral(t, referrer, referralBody({ mrn: w.mrnB, family: 'Okafor' }));
    await complete(w.a2);
    const dates: Record<Key, [string, string]> = {
      a1: ['2020-01-15T10:00:00.123456Z', '2020-01-15T10:00:00.000Z'],
      a2: ['2020-02-01T00:00:00Z', '2020-02-01T00:00:00.000Z'],
      b: ['2021-06-30T23:30:00Z', '2021-06-30T23:30:00.000Z'],
    };
    for (const key of ['a1', 'a2', 'b'] as const) {
      const [lastUpdated, authoredOn] = dates[key];
      await setDates('ServiceRequest', w[key].serviceRequest, lastUpdated, authoredOn);
      await setDates('Task', w[key].task, lastUpdated, authoredOn);
      if (key !== 'a2') await setDates('Patient', w[key].patient, lastUpdated);
    }
  });
  afterAll(() => t.close());

  const search = async (path: string, prefer?: string) => {
    const req = fhirGet(t, path, clinician);
    return prefer ? req.set('prefer', prefer) : req;
  };

  it.each(CASES)('%s', async (_name, c) => {
    const res = await search(`${c.type}?${c.query(w)}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    const bundle = res.body as Bundle;
    const expected = [...new Set(c.matches.map((key) => w[key][ID_KEY[c.type]]))].sort();
    expect(entriesOf(bundle).map((r) => r.id).sort()).toEqual(expected);
    expect(entriesOf(bundle).every((r) => r.resourceType === c.type)).toBe(true);
    expect(bundle.total).toBe(expected.length);
    if (c.query(w).includes('_include=')) {
      const patients = [...new Set(c.matches.map((key) => w[key].patient))].sort();
      expect(entriesOf(bundle, 'include').map((r) => `${r.resourceType}/${r.id}`)).toEqual(patients.map((id) => `Patient/${id}`));
    } else {
      expect(entriesOf(bundle, 'include')).toEqual([]);
    }
    expect(() => validateResource(bundle)).not.toThrow();
  });

  it('has a case for every search parameter and _include the CapabilityStatement advertises on these types', async () => {
    const statement = (await fhirGet(t, 'metadata')).body as CapabilityStatement;
    // The clinic's other record types: fhir-search-records.int-spec.ts, which probes every parameter of theirs.
    const referralTypes = statement.rest![0]!.resource!.filter((r) => ['Patient', 'ServiceRequest', 'Task'].includes(r.type));
    const advertised = referralTypes.flatMap((r) => [
      ...r.searchParam!.map((p) => `${r.type}?${p.name}`),
      ...(r.searchInclude ?? []).map((include) => `${r.type}?_include=${include}`),
    ]);
    const exercised = new Set(CASES.flatMap(([, c]) => [...new URLSearchParams(c.query(w))].map(([name, value]) =>
      name === '_include' ? `${c.type}?_include=${value}` : `${c.type}?${name}`)));
    expect(advertised.filter((p) => !exercised.has(p))).toEqual([]);
  });

  it('answers each match with an absolute fullUrl and a self link that repeats the search', async () => {
    const res = await search(`ServiceRequest?status=active&_count=5`);
    const bundle = res.body as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(linkOf(bundle, 'self')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/R4\/ServiceRequest\?status=active&_count=5$/);
    for (const entry of bundle.entry!) expect(entry.fullUrl).toMatch(new RegExp(`/fhir/R4/ServiceRequest/${entry.resource!.id}$`));
  });

  it.each([
    ['Patient', 'gender=female', 'gender'],
    ['Patient', 'status=active', 'status'],
    ['ServiceRequest', 'status:not=active', 'status:not'],
    ['Task', 'authored=2020', 'authored'],
    ['Patient', '_sort=_id', '_sort'],
  ])('refuses the unknown parameter of %s?%s with a 400 OperationOutcome naming it', async (type, query, name) => {
    const res = await search(`${type}?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    expect(issuesOf(res.body)).toEqual([expect.objectContaining({ severity: 'error', code: 'invalid', expression: [name], diagnostics: expect.stringContaining(name) })]);
    expect(() => validateResource(res.body)).not.toThrow();
  });

  it('ignores unknown parameters under Prefer: handling=lenient, and says so in the self link and an outcome entry', async () => {
    const res = await search(`Patient?_id=${w.b.patient}&gender=female&_sort=_id`, 'return=representation, handling=lenient');
    expect(res.status).toBe(200);
    const bundle = res.body as Bundle;
    expect(entriesOf(bundle).map((r) => r.id)).toEqual([w.b.patient]);
    expect(new URL(linkOf(bundle, 'self')!).search).toBe(`?_id=${w.b.patient}&_count=20`);
    const [outcome] = entriesOf(bundle, 'outcome');
    expect(issuesOf(outcome).map((i) => [i.severity, i.expression])).toEqual([['warning', ['gender']], ['warning', ['_sort']]]);
    expect(() => validateResource(bundle)).not.toThrow();
  });

  it('still refuses a malformed value of a known parameter under handling=lenient', async () => {
    const res = await search('ServiceRequest?authored=yesterday&gender=female', 'handling=lenient');
    expect(res.status).toBe(400);
    expect(issuesOf(res.body).map((i) => i.expression)).toEqual([['authored']]);
  });

  it.each([
    ['Patient', '_id=a%20b', '_id'],
    ['Patient', '_count=ten', '_count'],
    ['Patient', '_count=-1', '_count'],
    ['Patient', '_count=1&_count=2', '_count'],
    ['Patient', '_cursor=bm90LWEtdXVpZA', '_cursor'],
    ['Patient', '_lastUpdated=2020-13-01', '_lastUpdated'],
    ['Patient', '_lastUpdated=2021-02-29', '_lastUpdated'],
    ['Patient', '_lastUpdated=ne2020', '_lastUpdated'],
    ['Patient', '_lastUpdated=2020-01-15T10:00:00', '_lastUpdated'],
    ['Patient', 'identifier=|', 'identifier'],
    ['Patient', 'identifier=a,,b', 'identifier'],
    ['Patient', '_include=Patient:organization', '_include'],
    ['ServiceRequest', 'patient=Group/123', 'patient'],
    ['ServiceRequest', 'subject=Patient/', 'subject'],
    ['ServiceRequest', 'status=http://hl7.org/fhir/request-status|active', 'status'],
    ['ServiceRequest', 'authored=2020-01-15T25:00:00Z', 'authored'],
    ['ServiceRequest', '_include=Task:patient', '_include'],
    ['Task', 'authored-on=sa2020', 'authored-on'],
  ])('answers 400 naming the parameter to %s?%s', async (type, query, name) => {
    const res = await search(`${type}?${query}`);
    expect(res.status).toBe(400);
    expect(issuesOf(res.body)).toEqual([expect.objectContaining({ code: 'invalid', expression: [name] })]);
  });

  it('names every parameter at fault at once, and never echoes a value', async () => {
    const res = await search(`Patient?identifier=|&_lastUpdated=${w.mrnA}&foo=1`);
    expect(res.status).toBe(400);
    expect(issuesOf(res.body).map((i) => i.expression![0])).toEqual(['identifier', '_lastUpdated', 'foo']);
    expect(JSON.stringify(res.body)).not.toContain(w.mrnA);
  });

  it('ignores a parameter with an empty value (R4: empty parameters are not errors), and leaves it out of the self link', async () => {
    const res = await search(`Patient?_id=${w.a1.patient}&identifier=&gender=`);
    expect(res.status).toBe(200);
    expect(entriesOf(res.body as Bundle).map((r) => r.id)).toEqual([w.a1.patient]);
    expect(new URL(linkOf(res.body as Bundle, 'self')!).search).toBe(`?_id=${w.a1.patient}&_count=20`);
  });

  it('records every search in the audit trail, by type', async () => {
    await search('Task?status=received');
    await search('Task?nonsense=1');
    const rows = await t.db.query(
      `SELECT action, outcome, error_code FROM audit_event WHERE resource_type = 'fhir:Task' AND action = 'search' ORDER BY id DESC LIMIT 2`,
    );
    expect(rows).toEqual([
      { action: 'search', outcome: 'failed', error_code: 'validation_failed' },
      { action: 'search', outcome: 'success', error_code: null },
    ]);
  });
});
