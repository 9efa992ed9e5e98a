import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient } from './api-client';
import { expectAccessible, launchBrowser, markPage, pageKept, scrollsSideways, watchProblems } from './browser';
import { ALL_CLEAR, clinicSettings, infusionDay, userOf, type Staff } from './clinic-day';
import { createAdmin, startStack, type Stack } from './stack';

const LETTER = Buffer.from('%PDF-1.7\nReferral letter: recurrent depression, two antidepressants failed.\n%%EOF\n');
/** The API of this run keeps letters up to 64 KiB; the portal's own check stops only what no clinic takes (10 MiB). */
const LETTER_LIMIT = 64 * 1024;
const MOOD_DOSE = { kind: 'mood', mgPerKg: 0.5, minutes: 40 };
const PASSWORD = 'referrer passphrase 123';
/** The portal polls every few seconds: a change at the clinic shows within this, without a reload. */
const SHOWS_WITHIN = { timeout: 20_000 };

/**
 * The referral portal as a referrer uses it, in a real browser (Debian's chromium), served by the API under its
 * Content-Security-Policy: sign in, send a referral with its medications and letter, follow it while the clinic
 * accepts it, asks a question (answered in the portal), runs the series and closes it with a summary; another
 * referrer's referral stays out of sight; bad letters are refused. Every page passes axe-core's WCAG 2.1 A/AA
 * rules (no serious or critical violation), and the form fits a 375 px phone.
 */
describe('the referral portal, in a browser', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: () => string[];
  let admin: ApiClient;
  let referrerA: ApiClient;
  let referrerB: ApiClient;
  let staff: Staff;
  let clinicianId: string;
  let treatmentFormId: string;
  let referralId: string;
  let portal: string;

  beforeAll(async () => {
    stack = await startStack({}, { DOCUMENT_MAX_BYTES: String(LETTER_LIMIT) });
    portal = `${stack.apiUrl}/portal/`;
    createAdmin(stack, 'admin@clinic.example', 'e2e admin passphrase');
    admin = await ApiClient.signIn(stack.apiUrl, 'admin@clinic.example', 'e2e admin passphrase');
    referrerA = (await userOf(admin, stack.apiUrl, 'referrer', 'dr.avery@harbor-psychiatry.example')).client;
    referrerB = (await userOf(admin, stack.apiUrl, 'referrer', 'dr.blake@lakeside-pain.example')).client;
    const clinician = await userOf(admin, stack.apiUrl, 'clinician', 'clinician@clinic.example');
    clinicianId = clinician.id;
    staff = { clinician: clinician.client, frontDesk: (await userOf(admin, stack.apiUrl, 'front-desk', 'desk@clinic.example')).client };
    expect((await admin.send('PUT', '/clinic-settings', clinicSettings())).status).toBe(200);
    const form = await admin.send('POST', '/consent-forms', { kind: 'treatment', title: 'Informed consent to IV ketamine', body: 'Ketamine is used off-label; risks include...' });
    treatmentFormId = form.body.id as string;
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    page = await context.newPage();
    problems = watchProblems(page);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  afterEach(() => expect(problems()).toEqual([]));

  const heading = () => page.getByRole('heading', { level: 1 });
  const stage = () => page.getByTestId('stage');

  it('signs the referrer in, after a wrong password is refused', async () => {
    await page.goto(portal);
    await expect(heading().textContent()).resolves.toBe('Sign in');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page, 'sign-in');
    await page.getByLabel('Email').fill('dr.avery@harbor-psychiatry.example');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /email or password|wrong|invalid/i }).waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My referrals' }).waitFor();
    await page.getByText('You have not sent a referral yet.').waitFor();
    await expectAccessible(page, 'my referrals, empty');
  });

  it('sends a referral through the form: plain errors as the referrer goes, then the referral, its medications and its letter', async () => {
    await page.getByRole('link', { name: 'Send a new referral' }).click();
    await page.getByRole('heading', { level: 1, name: 'New referral' }).waitFor();
    await expectAccessible(page, 'new referral, empty');
    expect(await scrollsSideways(page)).toBe(false);

    // Sent empty: nothing leaves, each field says what it needs, and the first one has the focus.
    await page.getByRole('button', { name: 'Send the referral' }).click();
    await page.getByText('Enter the given names.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('given');
    await expect(page.locator('#family-error').textContent()).resolves.toContain('Enter the family name.');
    await expect(page.getByLabel('Given names').getAttribute('aria-describedby')).resolves.toContain('given-error');
    await page.getByLabel('Your NPI').fill('1234567890');
    await page.getByLabel('Your NPI').blur();
    await page.locator('#npi-error', { hasText: /valid 10-digit NPI/ }).waitFor();
    await expectAccessible(page, 'new referral, with errors');
    expect(await scrollsSideways(page)).toBe(false);

    await page.getByLabel('Given names').fill('Avery Jo');
    await page.getByLabel('Family name').fill('Portalwalker');
    await page.getByLabel('Birth date').fill('1980-02-03');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel("Patient's email").fill('avery.jo@example.com');
    await page.getByLabel('Your NPI').fill('1234567893');
    await page.getByLabel('Your organization').fill('Harbor Psychiatry');
    await page.getByLabel('Condition (coded diagnosis)').selectOption('http://hl7.org/fhir/sid/icd-10-cm|F33.1');
    await page.getByLabel('Reason for the referral').fill('Recurrent depression; two antidepressants at full dose for 8 weeks each did not help.');
    for (const [key, answer] of Object.entries(ALL_CLEAR)) await page.locator(`#attestation-${key}-${answer ? 'yes' : 'no'}`).check();
    await page.getByRole('button', { name: 'Add a medication' }).click();
    await page.locator('#medication-1-name').fill('Sertraline 100 mg tablet');
    await page.locator('#medication-1-dosage').fill('100 mg once a day');
    await page.getByRole('button', { name: 'Add a medication' }).click();
    await page.locator('#medication-2-rxnorm').fill('8123x');
    await page.locator('#medication-2-rxnorm').blur();
    await page.locator('#medication-2-rxnorm-error', { hasText: /digits only/ }).waitFor();
    await page.locator('#medication-2-rxnorm').fill('197361');
    await page.getByLabel('The referral letter').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: LETTER });
    expect(await scrollsSideways(page)).toBe(false);
    await page.getByRole('button', { name: 'Send the referral' }).click();

    await page.getByRole('heading', { level: 1, name: 'Referral for Avery Jo Portalwalker' }).waitFor();
    await page.getByText('Your referral was sent.').waitFor();
    referralId = page.url().split('/').pop()!;
    // What arrived at the clinic: the referral, the medications as the patient's, and the letter.
    const read = await staff.clinician.send('GET', `/referrals/${referralId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ indication: { code: 'F33.1' }, referrer: { npi: '1234567893', organization: 'Harbor Psychiatry' }, patient: { demographics: { email: 'avery.jo@example.com' } } });
    const medications = await staff.clinician.send('GET', `/patients/${read.body.patient.id}/medications`);
    expect(JSON.stringify(medications.body)).toMatch(/Sertraline 100 mg tablet/);
    expect(JSON.stringify(medications.body)).toMatch(/197361/);
    const letter = await fetch(`${stack.apiUrl}/referrals/${referralId}/letter`, { headers: { authorization: `Bearer ${referrerA.accessToken}` } });
    expect(Buffer.from(await letter.arrayBuffer())).toEqual(LETTER);

    await page.getByRole('link', { name: 'My referrals' }).click();
    const card = page.getByRole('listitem').filter({ hasText: 'Avery Jo Portalwalker' });
    await card.getByText('Major depressive disorder, recurrent').waitFor();
    await expect(card.textContent()).resolves.toMatch(/Received|Accepted/);
    await expectAccessible(page, 'my referrals');
  });

  it('shows the clinic accepting it, and asking a question, without a reload; the referrer answers from the latest version', async () => {
    const card = page.getByRole('listitem').filter({ hasText: 'Avery Jo Portalwalker' });
    await markPage(page);
    const accepted = await staff.clinician.changeAsRead('POST', `/referrals/${referralId}/decision`, { decision: 'accept' }, `/referrals/${referralId}`);
    expect(accepted.status).toBe(200);
    await card.getByText('Accepted', { exact: true }).waitFor(SHOWS_WITHIN);

    // Screening may have accepted it already: the list follows the clinic's question without a reload too.
    const asked = await staff.clinician.changeAsRead('POST', `/referrals/${referralId}/information-requests`, { question: 'Is the patient on an MAOI?' }, `/referrals/${referralId}`);
    expect(asked.status).toBe(200);
    await card.getByText('Needs information', { exact: true }).waitFor(SHOWS_WITHIN);
    await card.getByText('Is the patient on an MAOI?').waitFor();

    await card.getByRole('link', { name: 'Avery Jo Portalwalker' }).click();
    await stage().filter({ hasText: 'Needs information' }).waitFor();
    await page.getByText('The clinic asks: Is the patient on an MAOI?').waitFor();
    expect(await pageKept(page)).toBe(true);
    await expectAccessible(page, 'referral, needs information');
    expect(await scrollsSideways(page)).toBe(false);

    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.locator('#answer-error', { hasText: 'Enter your answer.' }).waitFor();

    // The clinic asks again while the page still shows the first question (its polls held back): the answer,
    // sent from the version read, is refused (412), and the page shows the latest to answer instead.
    let holdPolls = true;
    await page.route(`**/referrals/${referralId}`, (route) => (holdPolls && route.request().method() === 'GET' ? route.abort() : route.continue()));
    await page.route(`**/referrals/${referralId}/answers`, async (route) => {
      const answered = await route.fetch();
      holdPolls = false;
      await route.fulfill({ response: answered });
    });
    const again = await staff.clinician.changeAsRead('POST', `/referrals/${referralId}/information-requests`, { question: 'And any MAOI in the last two weeks?' }, `/referrals/${referralId}`);
    expect(again.status).toBe(200);
    await page.getByLabel('Your answer').fill('No MAOI, ever; sertraline only.');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByText('This referral changed; here is the latest.').waitFor();
    await page.getByText('The clinic asks: And any MAOI in the last two weeks?').waitFor();
    await page.unrouteAll();

    await page.getByLabel('Your answer').fill('No MAOI, ever; sertraline only.');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByText('Your answer was sent to the clinic.').waitFor();
    const answers = page.getByRole('region', { name: 'Questions and answers' });
    await answers.getByText('No MAOI, ever; sertraline only.').waitFor();
    await answers.getByText('And any MAOI in the last two weeks?').waitFor();
    const read = await staff.clinician.send('GET', `/referrals/${referralId}`);
    expect(read.body.correspondence).toEqual([
      expect.objectContaining({ kind: 'question', text: 'Is the patient on an MAOI?' }),
      expect.objectContaining({ kind: 'question', text: 'And any MAOI in the last two weeks?' }),
      expect.objectContaining({ kind: 'answer', text: 'No MAOI, ever; sertraline only.' }),
    ]);
  });

  it('follows the series to its end, and shows the closing summary with the scores', async () => {
    const { clinician, frontDesk } = staff;
    let read = await clinician.send('GET', `/referrals/${referralId}`);
    if (read.body.status !== 'accepted') {
      expect((await clinician.send('POST', `/referrals/${referralId}/decision`, { decision: 'accept' }, { 'if-match': read.etag! })).status).toBe(200);
    }
    const patientId = read.body.patient.id as string;
    expect((await frontDesk.send('POST', `/patients/${patientId}/consents`, { kind: 'treatment', formId: treatmentFormId, witnessId: clinicianId })).status).toBe(201);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const series = await clinician.send('POST', `/patients/${patientId}/series`, { referralId, kind: 'mood', startDate: tomorrow, startTime: '10:00' });
    expect(series.status).toBe(201);
    await stage().filter({ hasText: 'Scheduled' }).waitFor(SHOWS_WITHIN);
    // PHQ-9 19 before the series, 3 after its last infusion.
    expect((await clinician.send('POST', `/patients/${patientId}/questionnaires`, { instrument: 'phq9', answers: [3, 3, 2, 2, 2, 2, 2, 2, 1] })).status).toBe(201);
    const appointments = series.body.appointments as Array<{ id: string }>;
    for (const [i, appointment] of appointments.entries()) {
      const encounterId = await infusionDay(staff, MOOD_DOSE, appointment.id, 2, 1);
      if (i === appointments.length - 1) {
        expect((await clinician.send('POST', `/patients/${patientId}/questionnaires`, { instrument: 'phq9', answers: [1, 0, 0, 1, 0, 0, 1, 0, 0], encounterId })).status).toBe(201);
      }
    }
    read = await clinician.send('GET', `/referrals/${referralId}`);
    const closed = await clinician.send('POST', `/referrals/${referralId}/closing-summary`, { note: 'Remission after six infusions; follow up in four weeks.' }, { 'if-match': read.etag! });
    expect(closed.status).toBe(200);

    await stage().filter({ hasText: 'Completed' }).waitFor(SHOWS_WITHIN);
    expect(await pageKept(page)).toBe(true);
    const summary = page.getByRole('region', { name: 'Closing summary' });
    await summary.getByText('Remission after six infusions; follow up in four weeks.').waitFor();
    await expect(summary.locator('dl').textContent()).resolves.toMatch(/Infusions completed\s*6/);
    const phq9 = summary.getByRole('row').filter({ hasText: 'PHQ-9 depression score' });
    await expect(phq9.getByRole('cell').allTextContents()).resolves.toEqual(['19', '3']);
    await expectAccessible(page, 'referral, completed');
    expect(await scrollsSideways(page)).toBe(false);
  });

  it("answers another referrer's referral, opened by its address, with No referral found and nothing of it", async () => {
    const other = await referrerB.send('POST', '/referrals', {
      patient: { name: { given: ['Quinn'], family: 'Otherpatient' }, birthDate: '1971-07-07', sex: 'male' },
      referrer: { name: 'Dr Blake', npi: '1234567893' }, indication: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G89.4' }, reason: 'Chronic pain syndrome',
    });
    expect(other.status).toBe(201);
    await page.goto(`${portal}referrals/${other.body.id}`);
    await page.getByRole('heading', { level: 1, name: 'No referral found' }).waitFor();
    expect(await page.textContent('body')).not.toMatch(/Quinn|Otherpatient|Chronic pain/);
    await expectAccessible(page, 'not found');
    await page.getByRole('link', { name: 'My referrals' }).first().click();
    await page.getByRole('listitem').filter({ hasText: 'Avery Jo Portalwalker' }).waitFor();
    expect(await page.textContent('body')).not.toMatch(/Quinn|Otherpatient/);
  });

  it('refuses a letter that is not a PDF, empty, cut short or over the limit, from the form or the referral\'s page, says why, and lets the referrer upload it again', async () => {
    const oversize = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(LETTER_LIMIT + 1024, 0x20), Buffer.from('\n%%EOF\n')]);
    // Sent with the form, the referral arrives but the clinic refuses its letter: the referral's page says so.
    await page.getByRole('navigation').getByRole('link', { name: 'New referral' }).click();
    await page.getByLabel('Given names').fill('Rowan');
    await page.getByLabel('Family name').fill('Letterless');
    await page.getByLabel('Birth date').fill('1990-10-10');
    await page.getByLabel('Sex').selectOption('other');
    await page.getByLabel('Your NPI').fill('1234567893');
    await page.getByLabel('Condition (coded diagnosis)').selectOption('http://hl7.org/fhir/sid/icd-10-cm|F41.1');
    await page.getByLabel('Reason for the referral').fill('Anxiety that three treatments did not touch.');
    await page.getByLabel('The referral letter').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: oversize });
    await page.getByRole('button', { name: 'Send the referral' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referral for Rowan Letterless' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'The clinic did not take the letter: it is larger than the clinic accepts.' }).waitFor();
    const id = page.url().split('/').pop()!;
    const input = page.getByLabel('Letter to upload or replace');
    const upload = page.getByRole('button', { name: 'Upload the letter' });
    const refusals: Array<[string, Buffer, RegExp]> = [
      ['a Word file renamed .pdf', Buffer.from('PK\u0003\u0004 word/document.xml'), /not a PDF/],
      ['an empty file', Buffer.alloc(0), /empty/],
      ['a PDF cut short', LETTER.subarray(0, 30), /cut short/],
      ['a PDF over the clinic\'s limit', oversize, /larger than the clinic accepts/],
    ];
    for (const [what, bytes, message] of refusals) {
      await input.setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: bytes });
      await upload.click();
      await page.locator('#letter-error', { hasText: message }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('letter');
      const held = await fetch(`${stack.apiUrl}/referrals/${id}/letter`, { headers: { authorization: `Bearer ${referrerA.accessToken}` } });
      expect([what, held.status]).toEqual([what, 404]);
    }
    await expectAccessible(page, 'referral, letter refused');
    await input.setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: LETTER });
    await upload.click();
    await page.getByText('The letter was uploaded.').waitFor();
    const held = await fetch(`${stack.apiUrl}/referrals/${id}/letter`, { headers: { authorization: `Bearer ${referrerA.accessToken}` } });
    expect(held.status).toBe(200);
  });

  it('ends the session on a 401 and on sign-out, and turns away a user who is not a referrer', async () => {
    // A token the API no longer takes: the next call answers 401 and the portal goes back to sign-in.
    await page.evaluate(() => sessionStorage.setItem('keta.portal.session', JSON.stringify({ accessToken: 'expired.or.revoked', expiresAt: Date.now() + 600_000 })));
    await page.goto(portal);
    await page.getByText('Your session has ended; sign in again.').waitFor();
    await expect(heading().textContent()).resolves.toBe('Sign in');

    await page.getByLabel('Email').fill('clinician@clinic.example');
    await page.getByLabel('Password').fill('clinician passphrase 123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'This portal is for referrers' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('keta.portal.session'))).toBeNull();
  });
});
