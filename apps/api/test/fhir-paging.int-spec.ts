import type { Bundle } from '@medplum/fhirtypes';
import { createReferral, entriesOf, fhirGet, linkOf, pathOf, type ReferralIds } from './fhir-fixtures';
import { referralBody } from './referral-fixtures';
import { startTestApp, type TestApp } from './test-app';

describe('FHIR search paging (_count and next links)', () => {
  let t: TestApp;
  let clinician: string;
  let referrer: string;
  const referrals: ReferralIds[] = [];
  const sharedMrn = `MRN-shared-${Date.now()}`;

  beforeAll(async () => {
    t = await startTestApp('fhir_paging');
    clinician = (await t.signedIn('clinician')).token;
    referrer = (await t.signedIn('referrer')).token;
    for (let i = 0; i < 11; i++) referrals.push(await createReferral(t, referrer, referralBody(i < 3 ? { mrn: sharedMrn } : {})));
  });
  afterAll(() => t.close());

  /** Follows next links from the first page to the last; between pages, runs `between` (a concurrent writer). */
  async function allPages(first: string, between?: (page: number) => Promise<void>): Promise<Bundle[]> {
    const pages: Bundle[] = [];
    for (let path: string | undefined = first; path; ) {
      const res = await fhirGet(t, path, clinician);
      expect(res.status).toBe(200);
      pages.push(res.body as Bundle);
      const next = linkOf(res.body as Bundle, 'next');
      path = next && pathOf(next);
      if (path && between) await between(pages.length);
    }
    return pages;
  }

  it('follows next links to the end, seeing every match exactly once, with the total on every page', async () => {
    const pages = await allPages('ServiceRequest?_count=3');
    expect(pages.map((p) => entriesOf(p).length)).toEqual([3, 3, 3, 2]);
    expect(pages.map((p) => p.total)).toEqual([11, 11, 11, 11]);
    const seen = pages.flatMap((p) => entriesOf(p).map((r) => r.id!));
    expect(seen.sort()).toEqual(referrals.map((r) => r.serviceRequest).sort());
    expect(linkOf(pages.at(-1)!, 'next')).toBeUndefined();
  });

  it('keeps the search in its next links', async () => {
    await t.db.query(`UPDATE fhir_resource SET status = 'completed' WHERE id = ANY($1::uuid[])`, [[referrals[0]!.task, referrals[1]!.task]]);
    const pages = await allPages('Task?status=received&_count=4');
    const next = new URL(linkOf(pages[0]!, 'next')!);
    expect(next.searchParams.get('status')).toBe('received');
    expect(next.searchParams.get('_count')).toBe('4');
    const seen = pages.flatMap((p) => entriesOf(p).map((r) => r.id!));
    expect(seen.sort()).toEqual(referrals.slice(2).map((r) => r.task).sort());
  });

  it('sees each match once even when records are added and updated between pages', async () => {
    const original = referrals.map((r) => r.serviceRequest);
    const pages = await allPages('ServiceRequest?_count=2', async () => {
      await createReferral(t, referrer);
      await t.db.query(`UPDATE fhir_resource SET version = version + 1, last_updated = now() WHERE resource_type = 'ServiceRequest'`);
    });
    const seen = pages.flatMap((p) => entriesOf(p).map((r) => r.id!));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(original));
  });

  it('includes the patients of each page with that page, and keeps _include in the next link', async () => {
    const pages = await allPages(`ServiceRequest?_count=2&_include=ServiceRequest:patient&_id=${referrals.slice(0, 5).map((r) => r.serviceRequest).join(',')}`);
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      const matchedPatients = new Set(entriesOf(page).map((r) => (r as { subject?: { reference?: string } }).subject?.reference));
      expect(new Set(entriesOf(page, 'include').map((r) => `Patient/${r.id}`))).toEqual(matchedPatients);
    }
    expect(new URL(linkOf(pages[0]!, 'next')!).searchParams.get('_include')).toBe('ServiceRequest:patient');
  });

  it('defaults to 20 a page and returns at most 100', async () => {
    const defaulted = (await fhirGet(t, 'Patient', clinician)).body as Bundle;
    expect(new URL(linkOf(defaulted, 'self')!).searchParams.get('_count')).toBe('20');
    expect(linkOf(defaulted, 'next')).toBeUndefined();
    const capped = (await fhirGet(t, 'Patient?_count=1000', clinician)).body as Bundle;
    expect(new URL(linkOf(capped, 'self')!).searchParams.get('_count')).toBe('100');
  });

  it('answers only the total for _count=0', async () => {
    const bundle = (await fhirGet(t, 'Patient?_count=0', clinician)).body as Bundle;
    expect(bundle.total).toBe(await t.db.query(`SELECT count(*)::int AS n FROM fhir_resource WHERE resource_type = 'Patient'`).then((r) => r[0].n));
    expect(bundle.entry).toEqual([]);
    expect(linkOf(bundle, 'next')).toBeUndefined();
  });
});
