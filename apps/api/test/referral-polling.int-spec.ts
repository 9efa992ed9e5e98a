import { startSandbox, type RunningSandbox } from '@keta/ehr-sandbox';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import request from 'supertest';
import { ReceiveReferralBundleUseCase } from '../src/fhir/receive-referral-bundle.use-case';
import { ReferralPollService } from '../src/inbound-polling/referral-poll.service';
import { ReferralPoller } from '../src/inbound-polling/referral-poller.service';
import { startPagingEhr } from './paging-ehr';
import { setUpClinic } from './referral-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

const CLINIC = 'Organization/keta-clinic';
const REFERRALS = 'http://harbor-hospital.example/referral';

/** A referral's resources as the EHR holds them, with the ids it gave them (PUT), as one transaction. */
function referralResources(n: string, changes: { reason?: string; note?: string } = {}): Resource[] {
  return [
    { resourceType: 'Patient', id: `pt-${n}`, identifier: [{ system: 'http://harbor-hospital.example/mrn', value: `MRN-${n}` }], name: [{ family: 'Okonkwo', given: ['Ife'] }], birthDate: '1988-06-30', gender: 'female' },
    { resourceType: 'Practitioner', id: `dr-${n}`, identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], name: [{ given: ['Mia'], family: 'Lee' }] },
    {
      resourceType: 'Condition', id: `cond-${n}`, identifier: [{ system: 'http://harbor-hospital.example/condition', value: `C-${n}` }], subject: { reference: `Patient/pt-${n}` },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F43.12' }], text: 'Chronic PTSD' },
    },
    {
      resourceType: 'ServiceRequest', id: `sr-${n}`, status: 'active', intent: 'order', identifier: [{ system: REFERRALS, value: `R-${n}` }],
      code: { coding: [{ system: 'http://snomed.info/sct', code: '3457005' }] }, subject: { reference: `Patient/pt-${n}` }, requester: { reference: `Practitioner/dr-${n}` },
      performer: [{ reference: CLINIC }], reasonReference: [{ reference: `Condition/cond-${n}` }],
      reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: changes.reason ?? 'F43.12' }], text: 'Chronic PTSD' }],
      note: [{ text: changes.note ?? 'Chronic PTSD; prolonged exposure therapy without response' }],
    },
  ] as Resource[];
}

const asTransaction = (resources: Resource[], entry: (r: Resource) => BundleEntry): Bundle => ({ resourceType: 'Bundle', type: 'transaction', entry: resources.map(entry) });

describe('polling an EHR for referrals addressed to the clinic', () => {
  let t: TestApp;
  let sandbox: RunningSandbox;
  let poller: ReferralPoller;
  let admin: string;
  let pusher: { clientId: string; token: string };
  let connectionId: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, latencyMs: 0, logLevel: 'silent' });
    // Pages of two, so three referrals take two pages; the ticker is off: the test polls when it means to.
    t = await startTestApp('referral_polling', { INBOUND_POLL_TICK_MS: '0', INBOUND_POLL_PAGE_SIZE: '2' });
    poller = t.app.get(ReferralPoller);
    admin = (await t.signedIn('admin')).token;
    // A clinic with its policy: what screening at intake screens against.
    await setUpClinic(t, admin);
    pusher = await t.clientSignedIn(['system/ServiceRequest.crs', 'system/Patient.rs']);
    connectionId = await connect(sandbox.baseUrl, pusher.clientId);
  });
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  async function connect(baseUrl: string, receivedAs: string | null): Promise<string> {
    const created = await request(t.http).post('/ehr-connections').set('authorization', `Bearer ${admin}`)
      .send({ name: `Harbor ${baseUrl}`, baseUrl, kind: 'referrer-ehr', pollReferrals: { performer: CLINIC, everySeconds: 60, receivedAs } });
    expect(created.status).toBe(201);
    return (created.body as { id: string }).id;
  }

  async function placeInEhr(resources: Resource[], baseUrl = sandbox.baseUrl): Promise<void> {
    const bundle = asTransaction(resources, (resource) => ({ resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` } }));
    const response = await fetch(baseUrl, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(bundle) });
    expect(response.status).toBe(200);
  }

  const referralsKeyed = async (n: string) => {
    const rows = (await t.db.query(`SELECT referral_id FROM inbound_referral WHERE key = $1`, [`${REFERRALS}|R-${n}`])) as Array<{ referral_id: string }>;
    return rows.map((r) => r.referral_id);
  };
  const pollState = async (id = connectionId) =>
    ((await t.db.query(`SELECT watermark, last_error_code, received, refused, last_refusal_code FROM inbound_poll WHERE connection_id = $1`, [id])) as Array<Record<string, unknown>>)[0]!;

  it('takes a referral made in the EHR once, screened, though polled twice and pushed too', async () => {
    await placeInEhr(referralResources('1'));
    expect(await poller.pollNow(connectionId)).toBe(true);
    const [referralId] = await referralsKeyed('1');
    expect(referralId).toBeDefined();
    // Screened at intake: no letter came with it, so a finding asks for one; the clinician reads it with the referral.
    const clinician = (await t.signedIn('clinician')).token;
    const read = await request(t.http).get(`/referrals/${referralId}`).set('authorization', `Bearer ${clinician}`);
    expect(read.status).toBe(200);
    expect((read.body as { findings: Array<{ code: string }> }).findings.map((f) => f.code)).toContain('referral.mental-health-letter-missing');
    // The Condition the ServiceRequest gives as its reason came along, keyed under the pushing client's source.
    const conditions = (await t.db.query(`SELECT source FROM inbound_record WHERE key = $1 AND record_type = 'condition'`, ['http://harbor-hospital.example/condition|C-1'])) as Array<{ source: string }>;
    expect(conditions).toEqual([{ source: `client:${pusher.clientId}` }]);

    const before = { referral: await countRows(t.db, 'referral'), patient: await countRows(t.db, 'patient') };
    await poller.pollNow(connectionId);
    // The same EHR pushes it as the client the connection names: the same source, the same key.
    const pushed = asTransaction(referralResources('1'), (resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource: { ...resource, id: undefined } as Resource, request: { method: 'POST', url: resource.resourceType } }));
    for (const entry of pushed.entry!) relinkToFullUrls(entry.resource as Resource & Record<string, unknown>);
    const push = await request(t.http).post('/fhir/R4').set('authorization', `Bearer ${pusher.token}`).set('content-type', 'application/fhir+json').send(pushed);
    expect(push.status).toBe(200);
    expect((push.body as Bundle).entry?.[3]?.response).toEqual({ status: '200 OK', location: `ServiceRequest/${referralId}` });
    expect({ referral: await countRows(t.db, 'referral'), patient: await countRows(t.db, 'patient') }).toEqual(before);
    expect(await referralsKeyed('1')).toEqual([referralId]);
    expect(await pollState()).toMatchObject({ received: 1, refused: 0, last_error_code: null });
  });

  it('reads every page of a poll', async () => {
    for (const n of ['2a', '2b', '2c']) await placeInEhr(referralResources(n));
    await poller.pollNow(connectionId);
    for (const n of ['2a', '2b', '2c']) expect(await referralsKeyed(n)).toHaveLength(1);
    expect(await pollState()).toMatchObject({ received: 4, last_error_code: null });
  });

  it('sees a referral the EHR changed after the watermark again, and keeps it as the one referral', async () => {
    await placeInEhr(referralResources('3'));
    await poller.pollNow(connectionId);
    const { watermark: before } = await pollState();
    const [referralId] = await referralsKeyed('3');
    await placeInEhr(referralResources('3', { note: 'Chronic PTSD; two therapies without response' }));
    await poller.pollNow(connectionId);
    const { watermark: after } = await pollState();
    expect((after as Date).getTime()).toBeGreaterThan((before as Date).getTime());
    expect(await referralsKeyed('3')).toEqual([referralId]);
  });

  it('counts a referral the intake refuses and moves past it, taking the others', async () => {
    await placeInEhr(referralResources('4-bad', { reason: 'J45.909' }));
    await placeInEhr(referralResources('4-good'));
    await poller.pollNow(connectionId);
    expect(await referralsKeyed('4-bad')).toEqual([]);
    expect(await referralsKeyed('4-good')).toHaveLength(1);
    expect(await pollState()).toMatchObject({ refused: 1, last_refusal_code: expect.stringMatching(/^referral_refused_/), last_error_code: null });
    await poller.pollNow(connectionId);
    expect(await pollState()).toMatchObject({ refused: 1 });
  });

  it('records why an EHR could not be polled, and keeps its watermark', async () => {
    const down = await connect('http://127.0.0.1:9/fhir/R4', null);
    await poller.pollNow(down);
    expect(await pollState(down)).toMatchObject({ watermark: null, last_error_code: 'ehr_unreachable', received: 0 });
  });

  it('polls an EHR that asks for SMART tokens, signing with the key Keta generated and publishes', async () => {
    const smartEhr = await startSandbox({ host: '127.0.0.1', port: 0, latencyMs: 0, logLevel: 'silent', auth: 'smart' });
    const control = (method: string, path: string, body?: unknown) => fetch(`${new URL(smartEhr.baseUrl).origin}/$sandbox/${path}`, {
      method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    try {
      await control('PUT', 'auth', { enabled: false });
      await placeInEhr(referralResources('5'), smartEhr.baseUrl);
      await control('PUT', 'auth', { enabled: true });
      const created = await request(t.http).post('/ehr-connections').set('authorization', `Bearer ${admin}`).send({
        name: 'Harbor (SMART)', baseUrl: smartEhr.baseUrl, kind: 'referrer-ehr', pollReferrals: { performer: CLINIC, everySeconds: 60, receivedAs: null },
        auth: { kind: 'smart-backend', clientId: 'keta-clinic', scopes: ['system/*.rs'] },
      });
      // The EHR registers Keta's published keys, as an admin does with the JWKS URL the connection shows.
      const jwks = (await request(t.http).get('/.well-known/jwks.json')).body as unknown;
      expect((await control('PUT', 'auth/clients/keta-clinic', { jwks, scopes: 'system/*.rs' })).status).toBe(200);

      await poller.pollNow(created.body.id as string);
      expect(await pollState(created.body.id as string)).toMatchObject({ received: 1, last_error_code: null });
      expect(await referralsKeyed('5')).toHaveLength(1);
      const auth = (await (await control('GET', 'auth')).json()) as { issued: Record<string, number> };
      expect(auth.issued['keta-clinic']).toBe(1);
    } finally {
      await smartEhr.close();
    }
  });

  it.each([
    ['pages by offset, and a referral on a page read is changed mid-search', true],
    ['ignores _sort and hands its pages out of order', false],
  ])('misses no referral from an EHR that %s', async (_, sorted) => {
    const ehr = await startPagingEhr({ sorted });
    try {
      const ns = [1, 2, 3, 4, 5].map((i) => `6-${sorted ? 's' : 'u'}${i}`);
      for (const n of ns) ehr.put(referralResources(n));
      // Once the first page is served, the first referral on it is changed: on offset pages, everything after it moves up one.
      ehr.afterPage = (page) => page === 1 && ehr.touch(`sr-${ns[0]}`);
      const id = await connect(ehr.baseUrl, null);
      await poller.pollNow(id);
      for (const n of ns) expect(await referralsKeyed(n)).toHaveLength(1);
      expect(await pollState(id)).toMatchObject({ received: 5, last_error_code: null });
    } finally {
      await ehr.close();
    }
  });

  it('follows the links of an EHR that says it did not sort, though a page of it happens to look in order', async () => {
    const ehr = await startPagingEhr({ sorted: false });
    try {
      // It hands them out by id, descending: d, c, b, a. Once c is changed, the first page (d, c) looks in order.
      const ns = ['11-d', '11-c', '11-b', '11-a'];
      for (const n of ns) ehr.put(referralResources(n));
      ehr.touch('sr-11-c');
      const id = await connect(ehr.baseUrl, null);
      await poller.pollNow(id);
      for (const n of ns) expect(await referralsKeyed(n)).toHaveLength(1);
      expect(await pollState(id)).toMatchObject({ received: 4, last_error_code: null });
    } finally {
      await ehr.close();
    }
  });

  it('gets past more referrals of one instant than a page holds, from an EHR that gives no next links', async () => {
    const ehr = await startPagingEhr({ sorted: true, links: false });
    try {
      ehr.put(referralResources('9-first'));
      const id = await connect(ehr.baseUrl, null);
      await poller.pollNow(id);
      // Five referrals loaded in one instant, pages of two, no next link: the search from that instant asks for more at once.
      ehr.frozen = true;
      const ns = [1, 2, 3, 4, 5].map((i) => `9-${i}`);
      for (const n of ns) ehr.put(referralResources(n));
      ehr.frozen = false;
      await poller.pollNow(id);
      for (const n of ns) expect(await referralsKeyed(n)).toHaveLength(1);
      ehr.put(referralResources('9-later'));
      await poller.pollNow(id);
      expect(await referralsKeyed('9-later')).toHaveLength(1);
      expect(await pollState(id)).toMatchObject({ received: 7, last_error_code: null });
    } finally {
      await ehr.close();
    }
  });

  it.each([
    ['caps _count and gives no next links, with more in one instant than it gives', { sorted: true, links: false, cap: 3 }, 'ehr_cannot_page_past_instant'],
    ['ignores _sort and gives no next links', { sorted: false, links: false }, 'ehr_unsorted_without_next_link'],
    ['ignores _sort and has more pages than a poll may read', { sorted: false, links: true }, 'ehr_search_longer_than_a_poll'],
  ] as const)('says so, with a code, when an EHR %s: never a silent stall', async (_, behaviour, code) => {
    const ehr = await startPagingEhr(behaviour);
    try {
      ehr.frozen = behaviour.sorted;
      // Pages of two, at most ten pages a poll: 25 referrals (one instant, for the EHR that sorts), then one later.
      for (let i = 1; i <= 25; i++) ehr.put(referralResources(`10-${code}-${i}`));
      ehr.frozen = false;
      ehr.put(referralResources(`10-${code}-later`));
      const id = await connect(ehr.baseUrl, null);
      await poller.pollNow(id);
      await poller.pollNow(id);
      expect(await pollState(id)).toMatchObject({ last_error_code: code });
    } finally {
      await ehr.close();
    }
  });

  it('holds a referral whose intake fails on Keta\'s side, takes the ones after it, and takes it once the fault is gone', async () => {
    // An EHR that honours neither `_id` nor `status` in a search: a held referral must be read, not searched for.
    const ehr = await startPagingEhr({ sorted: true });
    // A fault of Keta's own that no input makes the real intake show: it throws for the referrals named.
    const intake = t.app.get(ReceiveReferralBundleUseCase);
    const execute = intake.execute.bind(intake);
    const failing = new Set(['R-7b', 'R-7d']);
    const fault = jest.spyOn(intake, 'execute').mockImplementation((bundle, ...rest) =>
      [...failing].some((value) => JSON.stringify(bundle).includes(`"${value}"`)) ? Promise.reject(new TypeError('fault of our own')) : execute(bundle, ...rest));
    const held = async (id: string) =>
      (await t.db.query(`SELECT request_id, error_code, attempts, next_attempt_at > now() + interval '100 seconds' AS backed_off FROM inbound_poll_held WHERE connection_id = $1 ORDER BY request_id`, [id])) as Array<Record<string, unknown>>;
    const makeDue = (id: string) => t.db.query(`UPDATE inbound_poll_held SET next_attempt_at = now() WHERE connection_id = $1`, [id]);
    const tried = (value: string) => fault.mock.calls.filter(([bundle]) => JSON.stringify(bundle).includes(`"${value}"`)).length;
    try {
      for (const n of ['7a', '7b', '7c', '7d']) ehr.put(referralResources(n));
      const id = await connect(ehr.baseUrl, null);
      await poller.pollNow(id);
      for (const n of ['7a', '7c']) expect(await referralsKeyed(n)).toHaveLength(1);
      for (const n of ['7b', '7d']) expect(await referralsKeyed(n)).toEqual([]);
      expect(await pollState(id)).toMatchObject({ received: 2, last_error_code: null, watermark: expect.any(Date) });
      expect(await held(id)).toEqual([
        { request_id: 'sr-7b', error_code: 'intake_failed', attempts: 1, backed_off: false },
        { request_id: 'sr-7d', error_code: 'intake_failed', attempts: 1, backed_off: false },
      ]);

      // Ops see it, in codes and counts.
      const ops = (await t.signedIn('ops')).token;
      const overview = await request(t.http).get('/ops/connections').set('authorization', `Bearer ${ops}`);
      const mine = (overview.body as Array<{ id: string; health: string; healthReasons: string[]; referralPolling: Record<string, unknown> }>).find((c) => c.id === id)!;
      expect(mine.referralPolling).toMatchObject({ held: 2, heldSince: expect.any(String), lastHeldCode: 'intake_failed' });
      expect(mine.health).toBe('degraded');
      expect(mine.healthReasons).toContain('2 polled referrals held: the intake failed, tried again at later polls');
      expect(JSON.stringify(overview.body)).not.toMatch(/Okonkwo|1988-06-30|sr-7b/);

      // Not due yet: not tried again. Due and still failing: tried once, and the next try waits twice as long.
      await poller.pollNow(id);
      expect(tried('R-7b')).toBe(1);
      await makeDue(id);
      await poller.pollNow(id);
      expect(tried('R-7b')).toBe(2);
      expect(await held(id)).toEqual([
        { request_id: 'sr-7b', error_code: 'intake_failed', attempts: 2, backed_off: true },
        { request_id: 'sr-7d', error_code: 'intake_failed', attempts: 2, backed_off: true },
      ]);

      // The EHR cannot give 7b when it is due, nor 7f's patient: both held with the EHR's code, and the poll goes on to 7e.
      ehr.unavailable.add('ServiceRequest/sr-7b');
      ehr.unavailable.add('Patient/pt-7f');
      ehr.put(referralResources('7f'));
      ehr.put(referralResources('7e'));
      await makeDue(id);
      await poller.pollNow(id);
      expect(await referralsKeyed('7e')).toHaveLength(1);
      expect(await referralsKeyed('7f')).toEqual([]);
      expect(await pollState(id)).toMatchObject({ received: 3, last_error_code: null });
      expect((await held(id)).map(({ request_id, error_code, attempts }) => [request_id, error_code, attempts])).toEqual([
        ['sr-7b', 'ehr_http_500', 3], ['sr-7d', 'intake_failed', 3], ['sr-7f', 'ehr_http_500', 1],
      ]);

      // The faults gone, 7b is taken; 7d, revoked in the EHR meanwhile, is no longer a referral and is let go.
      ehr.unavailable.clear();
      failing.delete('R-7b');
      ehr.put(referralResources('7d').map((r) => (r.resourceType === 'ServiceRequest' ? { ...r, status: 'revoked' } : r)) as Resource[]);
      await makeDue(id);
      await poller.pollNow(id);
      expect(await referralsKeyed('7b')).toHaveLength(1);
      expect(await referralsKeyed('7f')).toHaveLength(1);
      expect(await referralsKeyed('7d')).toEqual([]);
      expect(await held(id)).toEqual([]);
      expect(await pollState(id)).toMatchObject({ received: 5, last_error_code: null });
    } finally {
      fault.mockRestore();
      await ehr.close();
    }
  });

  it('records a poll whose own transaction failed, and polls the other connections due in that tick', async () => {
    const [broken, other] = [await startPagingEhr({ sorted: true }), await startPagingEhr({ sorted: true })];
    // A fault of Keta's own inside the poll's transaction (a statement that fails), which aborts it whole.
    const service = t.app.get(ReferralPollService);
    const run = service.run.bind(service);
    const brokenId = await connect(broken.baseUrl, null);
    const fault = jest.spyOn(service, 'run').mockImplementation(async (tx, connection, ...rest) => {
      if (connection.id === brokenId) await tx.query('SELECT 1 / 0');
      return run(tx, connection, ...rest);
    });
    try {
      other.put(referralResources('8'));
      const otherId = await connect(other.baseUrl, null);
      await t.db.query(`UPDATE inbound_poll SET next_poll_at = now() - interval '1 hour' WHERE connection_id = $1`, [brokenId]);
      await t.db.query(`UPDATE inbound_poll SET next_poll_at = now() WHERE connection_id <> $1`, [brokenId]);
      await poller.pollDue();
      expect(await pollState(brokenId)).toMatchObject({ last_error_code: 'poll_failed' });
      const [{ later }] = (await t.db.query(`SELECT next_poll_at > now() AS later FROM inbound_poll WHERE connection_id = $1`, [brokenId])) as [{ later: boolean }];
      expect(later).toBe(true);
      expect(await referralsKeyed('8')).toHaveLength(1);
      expect(await pollState(otherId)).toMatchObject({ received: 1, last_error_code: null });
    } finally {
      fault.mockRestore();
      await broken.close();
      await other.close();
    }
  });

  it('shows ops where polling stands: times, codes and counts', async () => {
    const ops = (await t.signedIn('ops')).token;
    const overview = await request(t.http).get('/ops/connections').set('authorization', `Bearer ${ops}`);
    expect(overview.status).toBe(200);
    const mine = (overview.body as Array<{ id: string; referralPolling: Record<string, unknown> | null }>).find((c) => c.id === connectionId);
    expect(mine?.referralPolling).toMatchObject({ received: 6, refused: 1, lastErrorCode: null, watermark: expect.any(String), polledAt: expect.any(String) });
  });
});

/** A pushed Bundle links its entries by fullUrl, as an EHR sends one. */
function relinkToFullUrls(resource: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'reference' && typeof value === 'string' && /^(Patient|Practitioner|Condition)\//.test(value)) resource[key] = `urn:uuid:${value.split('/')[1]}`;
    else if (value && typeof value === 'object') relinkToFullUrls(value as Record<string, unknown>);
  }
}
