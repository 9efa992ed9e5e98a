import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import request from 'supertest';
import { referralBody } from './referral-fixtures';
import type { TestApp } from './test-app';

export interface ReferralIds {
  patient: string;
  serviceRequest: string;
  task: string;
}

/** POSTs a referral, as a user would, and returns the ids of the Patient, ServiceRequest and Task it projects. */
export async function createReferral(t: TestApp, token: string, body: object = referralBody()): Promise<ReferralIds> {
  const res = await request(t.http).post('/referrals').set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== 201) throw new Error(`POST /referrals answered ${res.status}`);
  const [row] = (await t.db.query(`SELECT patient_id, task_id FROM referral WHERE id = $1`, [res.body.id])) as Array<{ patient_id: string; task_id: string }>;
  return { patient: row!.patient_id, serviceRequest: res.body.id as string, task: row!.task_id };
}

/** GET under /fhir/R4, as a FHIR client sends it. */
export function fhirGet(t: TestApp, path: string, token?: string) {
  const req = request(t.http).get(`/fhir/R4/${path}`).set('accept', 'application/fhir+json');
  return token ? req.set('authorization', `Bearer ${token}`) : req;
}

export function entriesOf(bundle: Bundle, mode: 'match' | 'include' | 'outcome' = 'match'): Resource[] {
  return (bundle.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => e.resource!);
}

export function linkOf(bundle: Bundle, relation: 'self' | 'next'): string | undefined {
  return bundle.link?.find((l) => l.relation === relation)?.url;
}

/** The path and query of an absolute link, for supertest. */
export function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return `${pathname.replace(/^\/fhir\/R4\//, '')}${search}`;
}

export function issuesOf(body: unknown): OperationOutcome['issue'] {
  expect((body as Resource).resourceType).toBe('OperationOutcome');
  return (body as OperationOutcome).issue;
}
