import { localDate } from '@keta/clinical-rules';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { pdfText } from './pdf-text';
import { referralBody } from './referral-fixtures';
import { acceptedReferral, zoneAtNoon } from './scheduling-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const CALM = { systolic: 128, diastolic: 82, heartRate: 72, spo2: 98 };
const READY = {
  vitals: CALM, lastFoodAt: new Date(Date.now() - 8 * 3600_000).toISOString(), lastLiquidAt: new Date(Date.now() - 4 * 3600_000).toISOString(),
  lastWaterAt: new Date(Date.now() - 3 * 3600_000).toISOString(), driverConfirmed: true, pregnancy: 'not-applicable', painScore: 6,
};
const MOOD = { concentrationMgPerMl: 10, weightKg: 70, dose: { kind: 'mood', mgPerKg: 0.5, minutes: 40 } };
const PAIN = { concentrationMgPerMl: 10, weightKg: 70, dose: { kind: 'pain', mgPerKgPerHour: 0.35, minutes: 240 } };
const FEES = {
  currency: 'USD',
  fees: [
    { system: 'CPT', code: '96365', description: 'IV infusion, initial hour', unitPriceCents: 40000 },
    { system: 'CPT', code: '96366', description: 'IV infusion, each additional hour', unitPriceCents: 12500 },
    { system: 'HCPCS', code: 'J3490', description: 'Ketamine (unclassified drug)', unitPriceCents: 5000 },
  ],
};

describe('fee schedule and superbill', () => {
  let t: TestApp;
  let admin: string;
  let clinician: string;
  let clinicianId: string;
  let frontDesk: string;
  let zone: string;
  let chair = 0;

  beforeAll(async () => {
    t = await startTestApp('superbill');
    admin = (await t.signedIn('admin')).token;
    const c = await t.signedIn('clinician');
    clinician = c.token;
    clinicianId = c.user.id;
    frontDesk = (await t.signedIn('front-desk')).token;
    zone = zoneAtNoon();
    const settings = {
      name: 'Harbor Ketamine', timeZone: zone, openingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], chairs: 20, policyPreset: 'seed-003',
      policyAdjustments: { discharge: { minRecoveryMinutes: 0 } },
    };
    expect((await request(t.http).put('/clinic-settings').set('authorization', `Bearer ${admin}`).send(settings)).status).toBe(200);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => request(t.http).get(path).set('authorization', `Bearer ${token}`),
    put: (path: string, body: object, ifMatch?: string) => {
      const req = request(t.http).put(path).set('authorization', `Bearer ${token}`);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    },
    post: (path: string, body?: object, ifMatch?: string) => {
      const req = request(t.http).post(path).set('authorization', `Bearer ${token}`);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    },
  });
  /** Sets the schedule as an admin does: the first without If-Match, a later one from the version read. */
  const setFees = async (schedule: object) => {
    const current = await as(admin).get('/clinic-settings/fee-schedule');
    const etag = current.status === 200 ? (current.headers.etag as string) : undefined;
    expect((await as(admin).put('/clinic-settings/fee-schedule', schedule, etag)).status).toBe(200);
  };

  /** A referred patient with a signed treatment consent. */
  async function consentedPatient(indicationCode = 'F33.1'): Promise<{ patientId: string; referralId: string }> {
    const accepted = await acceptedReferral(t, clinician, { ...referralBody(), indication: { system: ICD10CM, code: indicationCode } });
    const ids = { patient: accepted.patientId, serviceRequest: accepted.referralId };
    const form = await as(admin).post('/consent-forms', { kind: 'treatment', title: 'Informed consent to IV ketamine', body: 'Off-label use; risks...' });
    expect((await as(frontDesk).post(`/patients/${ids.patient}/consents`, { kind: 'treatment', formId: form.body.id, witnessId: clinicianId })).status).toBe(201);
    return { patientId: ids.patient, referralId: ids.serviceRequest };
  }

  /** An appointment in a few minutes on a chair of its own: a booster, or an infusion of a series. */
  async function appointmentToday(patientId: string, referralId: string, series?: { id: string; session: number }): Promise<string> {
    chair += 1;
    const [row] = await t.db.query(
      `INSERT INTO appointment (patient_id, kind, status, starts_at, ends_at, chair, referral_id, series_id, session_number)
       VALUES ($1, $2, 'booked', now() + interval '5 minutes', now() + interval '125 minutes', $3, $4, $5, $6) RETURNING id`,
      [patientId, series ? 'infusion' : 'booster', chair, referralId, series?.id ?? null, series?.session ?? null],
    );
    return row.id as string;
  }

  /** Check-in, infusion, end; discharged too unless told to stop in recovery. Answers the encounter id. */
  async function infusionDay(appointmentId: string, dose: object, discharge = true): Promise<string> {
    const checkedIn = await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, READY);
    expect(checkedIn.status).toBe(201);
    const id = checkedIn.body.id as string;
    const started = await as(clinician).post(`/encounters/${id}/infusion`, dose, checkedIn.headers.etag);
    expect(started.status).toBe(200);
    const ended = await as(clinician).post(`/encounters/${id}/infusion/end`, {}, started.headers.etag);
    expect(ended.status).toBe(200);
    if (discharge) expect((await as(clinician).post(`/encounters/${id}/discharge`, { vitals: CALM, painScore: 3, responsibleAdultPresent: true }, ended.headers.etag)).status).toBe(200);
    return id;
  }

  /** Gives the infusion a known length: it started `daysAgo` days ago and lasted `minutes` (and 30 seconds, which do not count). */
  async function infusionLasted(encounterId: string, minutes: number, daysAgo = 0): Promise<Date> {
    const [[row]] = await t.db.query(
      `UPDATE infusion_administration SET started_at = now() - make_interval(days => $2, hours => 6), ended_at = now() - make_interval(days => $2, hours => 6) + make_interval(mins => $3, secs => 30)
        WHERE encounter_id = $1 RETURNING started_at`,
      [encounterId, daysAgo, minutes],
    );
    return row.started_at as Date;
  }

  const lines = (body: { lines: Array<{ date: string; code: string; units: number; unitFeeCents: number | null; lineTotalCents: number | null }> }) =>
    body.lines.map((l) => [l.date, l.code, l.units, l.unitFeeCents, l.lineTotalCents]);

  describe('fee schedule', () => {
    it('is set whole by an admin, read by staff, and audited', async () => {
      // The first schedule is made from nothing: an If-Match names a version that never was.
      expect((await as(admin).put('/clinic-settings/fee-schedule', FEES, 'W/"1"')).status).toBe(412);
      const set = await as(admin).put('/clinic-settings/fee-schedule', FEES);
      expect([set.status, set.body, set.headers.etag]).toEqual([200, FEES, 'W/"1"']);
      for (const token of [clinician, frontDesk, admin]) {
        const read = await as(token).get('/clinic-settings/fee-schedule');
        expect([read.body, read.headers.etag]).toEqual([FEES, 'W/"1"']);
      }
      const [audit] = await t.db.query(`SELECT action, outcome FROM audit_event WHERE resource_type = 'fee-schedule' ORDER BY id DESC LIMIT 1`);
      expect(audit).toEqual({ action: 'update', outcome: 'success' });
    });

    it('is changed from the version read: none is 428, a stale one 412 and nothing changes, the current one 200 with the next ETag', async () => {
      await setFees(FEES);
      const etag = (await as(admin).get('/clinic-settings/fee-schedule')).headers.etag as string;
      const cheaper = { ...FEES, fees: [{ ...FEES.fees[0], unitPriceCents: 35000 }] };
      const before = await t.db.query(`SELECT fees, version FROM fee_schedule`);
      expect((await as(admin).put('/clinic-settings/fee-schedule', cheaper)).status).toBe(428);
      expect((await as(admin).put('/clinic-settings/fee-schedule', cheaper, 'W/"999"')).status).toBe(412);
      expect(await t.db.query(`SELECT fees, version FROM fee_schedule`)).toEqual(before);
      const changed = await as(admin).put('/clinic-settings/fee-schedule', cheaper, etag);
      expect([changed.status, changed.body, changed.headers.etag]).toEqual([200, cheaper, `W/"${before[0].version + 1}"`]);
      expect((await as(admin).put('/clinic-settings/fee-schedule', FEES, etag)).status).toBe(412);
      // The change and its audit row commit in one transaction: they carry its id (xmin).
      const [schedule] = await t.db.query(`SELECT xmin::text AS tx FROM fee_schedule`);
      const audit = await t.db.query(`SELECT xmin::text AS tx FROM audit_event WHERE resource_type = 'fee-schedule' AND outcome = 'success' ORDER BY id DESC LIMIT 1`);
      expect(audit).toEqual([{ tx: schedule.tx }]);
    });

    it.each([
      [{ ...FEES, currency: 'EUR' }, ['currency']],
      [{ ...FEES, fees: [{ ...FEES.fees[0], unitPriceCents: -100 }] }, ['fees.0.unitPriceCents']],
      [{ ...FEES, fees: [{ ...FEES.fees[0], unitPriceCents: 12.5 }] }, ['fees.0.unitPriceCents']],
      [{ ...FEES, fees: [...FEES.fees, { ...FEES.fees[0], unitPriceCents: 1 }] }, ['fees.3.code']],
      [{ ...FEES, fees: [{ ...FEES.fees[2], code: '96365' }] }, ['fees.0.code']],
      [{ ...FEES, fees: [{ ...FEES.fees[0], system: 'ICD-10-CM' }] }, ['fees.0.system']],
      [{ fees: [] }, ['currency']],
    ])('refuses %j with a 400 naming %j, and writes nothing', async (body, fields) => {
      await setFees(FEES);
      const before = await t.db.query(`SELECT fees, updated_at FROM fee_schedule`);
      const refused = await as(admin).put('/clinic-settings/fee-schedule', body);
      expect([refused.status, refused.body.code, refused.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, 'validation_failed', fields]);
      expect(await t.db.query(`SELECT fees, updated_at FROM fee_schedule`)).toEqual(before);
    });
  });

  describe('superbill of an infusion', () => {
    it('codes a 40-min mood infusion (96365, J3490) with the referral\'s diagnosis and prices it from the schedule', async () => {
      await setFees(FEES);
      const { patientId, referralId } = await consentedPatient('F33.1');
      const id = await infusionDay(await appointmentToday(patientId, referralId), MOOD);
      const startedAt = await infusionLasted(id, 40);
      const date = localDate(startedAt, zone);
      const auditBefore = await countRows(t.db, 'audit_event');

      const bill = await as(frontDesk).get(`/encounters/${id}/superbill`);
      expect(bill.status).toBe(200);
      expect(bill.headers['content-type']).toMatch(/application\/json/);
      expect(bill.body).toMatchObject({
        id, kind: 'encounter', clinic: { name: 'Harbor Ketamine' },
        patient: { name: { given: ['Ana', 'Maria'], family: 'Reyes' }, birthDate: '1984-02-29' },
        referringProvider: { name: 'Dr Lee', npi: '1234567893' },
        datesOfService: [date],
        diagnoses: [{ system: 'ICD-10-CM', code: 'F33.1', description: 'Major depressive disorder, recurrent' }],
        currency: 'USD', totalCents: 45000, missingFees: [],
      });
      expect(lines(bill.body)).toEqual([[date, '96365', 1, 40000, 40000], [date, 'J3490', 1, 5000, 5000]]);
      expect(bill.body.lines[1]).toMatchObject({ system: 'HCPCS', description: 'Unclassified drugs: ketamine hydrochloride 35 mg IV', source: expect.stringMatching(/^DOMAIN\.md §3\.5/) });
      expect(bill.body.statement.text).toMatch(/off-label.*paid for these services.*out-of-network reimbursement/s);
      expect(bill.body.statement.sources).toEqual([expect.stringMatching(/^003_9a919d07d6b0c099\.txt: /), expect.stringMatching(/^004_abb7f8e027270934\.txt: /), expect.stringMatching(/^DOMAIN\.md §4\.6/)]);

      // Read only: the interceptor's read row and nothing else.
      expect(await countRows(t.db, 'audit_event')).toBe(auditBefore + 1);
      const [audit] = await t.db.query(`SELECT resource_type, resource_id, action, outcome FROM audit_event ORDER BY id DESC LIMIT 1`);
      expect(audit).toEqual({ resource_type: 'superbill', resource_id: id, action: 'read', outcome: 'success' });
    });

    it('codes a 4-hour pain infusion as 96365, 96366 x3 and J3490', async () => {
      await setFees(FEES);
      const { patientId, referralId } = await consentedPatient('G90.50');
      const id = await infusionDay(await appointmentToday(patientId, referralId), PAIN);
      const date = localDate(await infusionLasted(id, 240), zone);
      const bill = await as(clinician).get(`/encounters/${id}/superbill`);
      expect(bill.status).toBe(200);
      expect(lines(bill.body)).toEqual([[date, '96365', 1, 40000, 40000], [date, '96366', 3, 12500, 37500], [date, 'J3490', 1, 5000, 5000]]);
      expect(bill.body).toMatchObject({ totalCents: 82500, missingFees: [], diagnoses: [{ code: 'G90.50' }] });
    });

    it('lists a code with no fee unpriced and names it, rather than pricing it at 0', async () => {
      await setFees({ currency: 'USD', fees: [FEES.fees[0]] });
      const { patientId, referralId } = await consentedPatient();
      const id = await infusionDay(await appointmentToday(patientId, referralId), PAIN);
      await infusionLasted(id, 100);
      const bill = await as(clinician).get(`/encounters/${id}/superbill`);
      expect(bill.body.lines.map((l: { code: string; units: number; unitFeeCents: number | null }) => [l.code, l.units, l.unitFeeCents])).toEqual([['96365', 1, 40000], ['96366', 1, null], ['J3490', 1, null]]);
      expect(bill.body).toMatchObject({ totalCents: 40000, missingFees: ['96366', 'J3490'] });
    });

    it('answers 422 before discharge, 404 for an unknown encounter, and 400 for a bad id or format', async () => {
      const { patientId, referralId } = await consentedPatient();
      const id = await infusionDay(await appointmentToday(patientId, referralId), MOOD, false);
      const early = await as(clinician).get(`/encounters/${id}/superbill`);
      expect([early.status, early.body.code]).toEqual([422, 'business_rule']);
      expect(early.body.detail).not.toMatch(/Reyes|Ana/);
      expect((await as(clinician).get(`/encounters/${randomUUID()}/superbill`)).status).toBe(404);
      expect((await as(clinician).get('/encounters/not-a-uuid/superbill')).status).toBe(400);
      const badFormat = await as(clinician).get(`/encounters/${id}/superbill?format=docx`);
      expect([badFormat.status, badFormat.body.errors[0].field]).toEqual([400, 'format']);
    });

    it('answers the same as a PDF, with Accept: application/pdf or ?format=pdf', async () => {
      await setFees(FEES);
      const { patientId, referralId } = await consentedPatient();
      const id = await infusionDay(await appointmentToday(patientId, referralId), MOOD);
      await infusionLasted(id, 40);
      const byAccept = await pdfOf(as(frontDesk).get(`/encounters/${id}/superbill`).set('accept', 'application/pdf'));
      const byQuery = await pdfOf(as(frontDesk).get(`/encounters/${id}/superbill?format=pdf`));
      for (const res of [byAccept, byQuery]) {
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['content-disposition']).toBe(`attachment; filename="superbill-${id}.pdf"`);
        expect((res.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
      const text = await pdfText(byAccept.body as Buffer);
      for (const expected of ['Harbor Ketamine', 'Ana Maria Reyes', '1984-02-29', 'Dr Lee, NPI 1234567893', 'F33.1', '96365', 'J3490', '$400.00', '$50.00', '$450.00', 'off-label']) {
        expect(text).toContain(expected);
      }
      expect(text).not.toMatch(/no fee/);
      expect((await as(frontDesk).get(`/encounters/${id}/superbill?format=json`).set('accept', 'application/pdf')).headers['content-type']).toMatch(/application\/json/);
    });

    it('names the clinic to the insurer by its NPI, tax id and address once an admin sets them, and says so while they are missing', async () => {
      await setFees(FEES);
      const { patientId, referralId } = await consentedPatient();
      const id = await infusionDay(await appointmentToday(patientId, referralId), MOOD);
      expect(await pdfText((await pdfOf(as(frontDesk).get(`/encounters/${id}/superbill?format=pdf`))).body as Buffer)).toContain('not on record');
      const { body: current, headers: { etag } } = await as(admin).get('/clinic-settings');
      const provider = { npi: '1841050119', taxId: '12-3456789', address: '100 Harbor Way, Portland, ME 04101', phone: '+1 207 555 0100' };
      const badTaxId = await as(admin).put('/clinic-settings', { ...current, billingProvider: { ...provider, taxId: '123456789' } }, etag as string);
      expect([badTaxId.status, badTaxId.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['billingProvider.taxId']]);
      const named = await as(admin).put('/clinic-settings', { ...current, billingProvider: provider }, etag as string);
      expect(named.status).toBe(200);
      expect((await as(frontDesk).get(`/encounters/${id}/superbill`)).body.clinic).toEqual({ name: 'Harbor Ketamine', ...provider });
      const text = await pdfText((await pdfOf(as(frontDesk).get(`/encounters/${id}/superbill?format=pdf`))).body as Buffer);
      for (const expected of ['NPI 1841050119', 'tax id 12-3456789', '100 Harbor Way, Portland, ME 04101']) expect(text).toContain(expected);
      expect((await as(admin).put('/clinic-settings', current, named.headers.etag as string)).status).toBe(200);
    });
  });

  describe('superbill of a series', () => {
    async function seriesOfTwo(): Promise<{ seriesId: string; encounters: string[] }> {
      const { patientId, referralId } = await consentedPatient();
      const [series] = await t.db.query(
        `INSERT INTO series (patient_id, referral_id, kind, protocol, status, planned_by) VALUES ($1, $2, 'mood', 'condensed', 'booked', $3) RETURNING id`,
        [patientId, referralId, clinicianId],
      );
      const appointments = [await appointmentToday(patientId, referralId, { id: series.id, session: 1 }), await appointmentToday(patientId, referralId, { id: series.id, session: 2 })];
      return { seriesId: series.id as string, encounters: [await infusionDay(appointments[0]!, MOOD), await infusionDay(appointments[1]!, MOOD, false)] };
    }

    it('answers 422 until the series is completed, then one set of lines per infusion date, in date order', async () => {
      await setFees(FEES);
      const { seriesId, encounters: [first, second] } = await seriesOfTwo();
      const early = await as(clinician).get(`/series/${seriesId}/superbill`);
      expect([early.status, early.body.code]).toEqual([422, 'business_rule']);

      const recovering = await as(clinician).get(`/encounters/${second}`);
      expect((await as(clinician).post(`/encounters/${second}/discharge`, { vitals: CALM, painScore: 3, responsibleAdultPresent: true }, recovering.headers.etag)).status).toBe(200);
      const secondDate = localDate(await infusionLasted(second!, 40, 0), zone);
      const firstDate = localDate(await infusionLasted(first!, 16, 3), zone);

      const bill = await as(frontDesk).get(`/series/${seriesId}/superbill`);
      expect(bill.status).toBe(200);
      expect(bill.body).toMatchObject({ id: seriesId, kind: 'series', datesOfService: [firstDate, secondDate], totalCents: 90000, missingFees: [], diagnoses: [{ code: 'F33.1' }] });
      expect(lines(bill.body)).toEqual([
        [firstDate, '96365', 1, 40000, 40000], [firstDate, 'J3490', 1, 5000, 5000],
        [secondDate, '96365', 1, 40000, 40000], [secondDate, 'J3490', 1, 5000, 5000],
      ]);
      const pdf = await pdfOf(as(frontDesk).get(`/series/${seriesId}/superbill`).set('accept', 'application/pdf'));
      expect(pdf.headers['content-disposition']).toBe(`attachment; filename="superbill-${seriesId}.pdf"`);
      const text = await pdfText(pdf.body as Buffer);
      for (const expected of [firstDate, secondDate, '$900.00']) expect(text).toContain(expected);
    });

    it('answers 404 for an unknown series', async () => {
      expect((await as(clinician).get(`/series/${randomUUID()}/superbill`)).status).toBe(404);
    });
  });
});

/** The response body as bytes. */
function pdfOf(req: request.Test): Promise<request.Response> {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}
