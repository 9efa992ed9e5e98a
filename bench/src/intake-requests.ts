import { eventually } from '@keta/lifecycle/testing';
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { Figures } from './latency';
import type { Stack } from './stack';

/** The two ways a referral comes in; each request brings a patient and a referral of its own. */
export interface Endpoint {
  name: 'referrals' | 'fhir-bundle';
  path: string;
  contentType: string;
  token(stack: Stack): string;
  body(): string;
}

/** As `referralBody()` in apps/api/test/referral-fixtures.ts, with a fresh MRN: a new patient each time. */
function referralBody(): unknown {
  return {
    patient: {
      name: { given: ['Ana', 'Maria'], family: 'Reyes' }, birthDate: '1984-02-29', sex: 'female',
      identifiers: [{ system: 'http://hospital.example/mrn', value: `MRN-${randomUUID()}` }],
    },
    referrer: { name: 'Dr Lee', npi: '1234567893', organization: 'Harbor Psychiatry' },
    indication: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1' },
    reason: 'Recurrent depression; two failed SSRI trials',
  };
}

/** As `referralBundle()` in apps/api/test/fhir-transaction.int-spec.ts, with a fresh referral identifier and MRN. */
function referralBundle(): unknown {
  const referralId = `R-${randomUUID()}`;
  const [patient, practitioner] = [`urn:uuid:${randomUUID()}`, `urn:uuid:${randomUUID()}`];
  const request = {
    resourceType: 'ServiceRequest', status: 'active', intent: 'order',
    identifier: [{ system: 'http://harbor-hospital.example/referral', value: referralId }],
    code: { coding: [{ system: 'http://snomed.info/sct', code: '3457005' }] },
    subject: { reference: patient }, requester: { reference: practitioner },
    reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F43.12' }], text: 'Chronic PTSD' }],
    note: [{ text: 'Chronic PTSD; prolonged exposure therapy without response' }],
  };
  return {
    resourceType: 'Bundle', type: 'transaction',
    entry: [
      { fullUrl: patient, resource: { resourceType: 'Patient', identifier: [{ system: 'http://harbor-hospital.example/mrn', value: `MRN-${referralId}` }], name: [{ family: 'Okonkwo', given: ['Ife'] }], birthDate: '1988-06-30', gender: 'female' }, request: { method: 'POST', url: 'Patient' } },
      { fullUrl: practitioner, resource: { resourceType: 'Practitioner', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], name: [{ given: ['Mia'], family: 'Lee' }] }, request: { method: 'POST', url: 'Practitioner' } },
      { fullUrl: `urn:uuid:${randomUUID()}`, resource: request, request: { method: 'POST', url: 'ServiceRequest' } },
    ],
  };
}

export const ENDPOINTS: readonly Endpoint[] = [
  { name: 'referrals', path: '/referrals', contentType: 'application/json', token: (s) => s.referrerToken, body: () => JSON.stringify(referralBody()) },
  { name: 'fhir-bundle', path: '/fhir/R4', contentType: 'application/fhir+json', token: (s) => s.ehrClientToken, body: () => JSON.stringify(referralBundle()) },
];

/** Every request sent to an api and how it was answered: the check that the benchmark measured something. */
export class Tally {
  sent = 0;
  ok = 0;
  failed = 0;
  /** Connection errors and timeouts autocannon saw. */
  errors = 0;
  firstFailure: string | undefined;

  answered(status: number, body: string): boolean {
    if (status >= 200 && status < 300) {
      this.ok++;
      return true;
    }
    this.failed++;
    if (this.firstFailure === undefined) {
      this.firstFailure = `${status} ${body.slice(0, 500)}`;
      console.error(`intake: the first failed answer: ${this.firstFailure}`);
    }
    return false;
  }
}

/** One request with fetch (calibration and the fixed rate); answers whether it was 2xx. */
export async function post(baseUrl: string, endpoint: Endpoint, stack: Stack, tally: Tally): Promise<boolean> {
  tally.sent++;
  const res = await fetch(`${baseUrl}${endpoint.path}`, {
    method: 'POST', headers: { authorization: `Bearer ${endpoint.token(stack)}`, 'content-type': endpoint.contentType }, body: endpoint.body(),
  });
  return tally.answered(res.status, await res.text());
}

/**
 * The maximum rate with autocannon: `connections` at once, each sending its next request on the answer. Rate is
 * 2xx answers over the run, as for the bare inserts.
 */
export async function cannon(stack: Stack, endpoint: Endpoint, tally: Tally, connections: number, seconds: number): Promise<Figures> {
  const result = await autocannon({
    url: `${stack.apiUrl}${endpoint.path}`, method: 'POST', connections, duration: seconds,
    headers: { authorization: `Bearer ${endpoint.token(stack)}`, 'content-type': endpoint.contentType },
    requests: [{
      // A body of its own per request: a repeated MRN would be the same patient again, not a new intake.
      setupRequest: (request) => {
        tally.sent++;
        return { ...request, body: endpoint.body() };
      },
      onResponse: (status, body) => void tally.answered(status, body),
    }],
  });
  tally.errors += result.errors;
  return { rps: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * The referrals in the database once every request sent has committed (or 10 s have passed): autocannon ends a
 * timed run by closing its connections with requests still in flight, which the api still takes in.
 */
export async function referralsOnceSettled(sql: Client, tally: Tally): Promise<number> {
  const count = async () => (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM referral`)).rows[0]!.n;
  return eventually(count, (n) => n === tally.sent, 10000).catch(count);
}
