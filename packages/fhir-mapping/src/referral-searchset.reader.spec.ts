import type { Bundle, Resource, ServiceRequest } from '@medplum/fhirtypes';
import {
  byReference, isReferralFor, latestUpdate, matchedRequests, missingReferences, nextLink, polledReferralBundle, resourcesOf, sortApplied,
} from './referral-searchset.reader';

const CLINIC = 'Organization/clinic';
const BASE = 'https://ehr.example/fhir';

function request(id: string, changes: Partial<ServiceRequest> = {}): ServiceRequest {
  return {
    resourceType: 'ServiceRequest', id, status: 'active', intent: 'order', subject: { reference: 'Patient/p1' },
    requester: { reference: 'PractitionerRole/r1' }, performer: [{ reference: CLINIC }], reasonReference: [{ reference: 'Condition/c1' }],
    meta: { lastUpdated: '2026-01-02T03:04:05.000Z' }, ...changes,
  };
}

const role: Resource = { resourceType: 'PractitionerRole', id: 'r1', practitioner: { reference: 'Practitioner/d1' }, organization: { reference: 'Organization/o1' } };
const patient: Resource = { resourceType: 'Patient', id: 'p1' };
const searchset = (entries: Bundle['entry'], next?: string): Bundle => ({
  resourceType: 'Bundle', type: 'searchset', entry: entries, ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
});

describe('reading a searchset of referrals', () => {
  it.each([
    ['an active order to the clinic', {}, true],
    ['an original-order', { intent: 'original-order' }, true],
    ['a draft', { status: 'draft' }, false],
    ['a proposal', { intent: 'proposal' }, false],
    ['an order to another performer', { performer: [{ reference: 'Organization/other' }] }, false],
  ] as Array<[string, Partial<ServiceRequest>, boolean]>)('%s: taken %s', (_, changes, taken) => {
    expect(isReferralFor(request('s1', changes as Partial<ServiceRequest>), CLINIC)).toBe(taken);
  });

  it('keeps the matched ServiceRequests apart from the included resources', () => {
    const page = searchset([
      { resource: request('s1'), search: { mode: 'match' } },
      { resource: request('s2'), search: { mode: 'include' } },
      { resource: patient, search: { mode: 'include' } },
    ]);
    expect(matchedRequests(page).map((r) => r.id)).toEqual(['s1']);
    expect(resourcesOf(page)).toHaveLength(3);
  });

  it('reads the next page link, and none on the last page', () => {
    expect(nextLink(searchset([], `${BASE}/ServiceRequest?page=2`))).toBe(`${BASE}/ServiceRequest?page=2`);
    expect(nextLink(searchset([]))).toBeUndefined();
  });

  it.each([
    [`${BASE}/ServiceRequest?performer=x&_sort=_lastUpdated&_count=2`, true],
    [`${BASE}/ServiceRequest?performer=x&_count=2`, false],
    ['ServiceRequest?_sort=-_lastUpdated', true],
    [undefined, undefined],
  ])('tells from the self link %s whether the EHR applied _sort: %s', (self, applied) => {
    const page: Bundle = { resourceType: 'Bundle', type: 'searchset', link: self ? [{ relation: 'self', url: self }] : [] };
    expect(sortApplied(page)).toBe(applied);
  });

  it('finds the greatest lastUpdated', () => {
    expect(latestUpdate([request('a'), request('b', { meta: { lastUpdated: '2026-03-01T00:00:00Z' } }), { resourceType: 'Patient' }])).toBe('2026-03-01T00:00:00.000Z');
    expect(latestUpdate([{ resourceType: 'Patient' }])).toBeUndefined();
  });

  it('names what the page did not include, then a role\'s practitioner once the role is known', () => {
    expect(missingReferences([request('s1')], byReference([patient]))).toEqual(['PractitionerRole/r1', 'Condition/c1']);
    expect(missingReferences([request('s1')], byReference([patient, role]))).toEqual(['Practitioner/d1', 'Organization/o1', 'Condition/c1']);
  });

  it('leaves out references it does not fetch: absolute, contained, or of a type the intake does not take', () => {
    const odd = request('s1', { requester: { reference: '#me' }, subject: { reference: 'https://elsewhere/Patient/1' }, reasonReference: [{ reference: 'Encounter/e1' }] });
    expect(missingReferences([odd], byReference([]))).toEqual([]);
  });

  it('builds one batch per referral with what it draws on, each at its address at the EHR', () => {
    const condition: Resource = { resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p1' } } as Resource;
    const other: Resource = { resourceType: 'Patient', id: 'p2' };
    const bundle = polledReferralBundle(request('s1'), byReference([patient, role, condition, other]), BASE);
    expect(bundle.type).toBe('batch');
    expect(bundle.entry?.map((e) => e.fullUrl)).toEqual([
      `${BASE}/ServiceRequest/s1`, `${BASE}/Patient/p1`, `${BASE}/PractitionerRole/r1`, `${BASE}/Condition/c1`,
    ]);
  });
});
