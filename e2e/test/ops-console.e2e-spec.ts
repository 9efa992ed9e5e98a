import { eventually } from '@keta/lifecycle/testing';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient } from './api-client';
import { expectAccessible, launchBrowser, markPage, pageKept, scrollsSideways, watchProblems } from './browser';
import { userOf } from './clinic-day';
import { createAdmin, startStack, type Stack } from './stack';

/** The console polls every 3 s; a failing EHR opens its circuit after a few failures. */
const SHOWS_WITHIN = { timeout: 60_000 };
const CONNECTION = 'Sandbox EHR';
/** The badge's word (after its mark), whole: "Unhealthy" holds "healthy" too. */
const HEALTHY = /^\W*Healthy$/;

function referral(n: number) {
  return {
    patient: {
      name: { given: [`Patient${n}`], family: 'Opsconsole' }, birthDate: '1980-01-01', sex: 'female',
      identifiers: [{ system: 'http://harbor-psychiatry.example/mrn', value: `MRN-${randomUUID()}` }],
    },
    referrer: { name: 'Dr Lee', npi: '1234567893' },
    indication: { system: 'http://snomed.info/sct', code: '370143000' },
    reason: 'Major depression, two failed antidepressant trials',
  };
}

/**
 * The ops console as ops staff use it, in a real browser, served by the API at /console/ under its
 * Content-Security-Policy: a healthy connection turns unhealthy while its EHR fails, without a reload; its
 * failed job shows with its reason; once the EHR is back, "Retry all failed" empties the failed queue and the
 * connection is healthy again. A referrer is told the console is not for them and gets nothing of the ops API.
 * Every page passes axe-core's WCAG 2.1 A/AA rules (no serious or critical violation).
 */
describe('the ops console, in a browser', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: () => string[];
  let admin: ApiClient;
  let referrer: ApiClient;
  let consoleUrl: string;

  beforeAll(async () => {
    // Two attempts, short backoff, a breaker that opens after three failures and probes again after two seconds.
    stack = await startStack({ SYNC_ATTEMPTS: '2', SYNC_BACKOFF_MS: '100', SYNC_BREAKER_THRESHOLD: '3', SYNC_BREAKER_COOLDOWN_MS: '2000', EHR_REQUEST_TIMEOUT_MS: '1500' });
    consoleUrl = `${stack.apiUrl}/console/`;
    createAdmin(stack, 'admin@clinic.example', 'e2e admin passphrase');
    admin = await ApiClient.signIn(stack.apiUrl, 'admin@clinic.example', 'e2e admin passphrase');
    await userOf(admin, stack.apiUrl, 'ops', 'ops@clinic.example');
    referrer = (await userOf(admin, stack.apiUrl, 'referrer', 'dr.lee@harbor-psychiatry.example')).client;
    const connection = await admin.send('POST', '/ehr-connections', { name: CONNECTION, baseUrl: stack.sandboxFhirUrl, kind: 'clinic-ehr' });
    expect(connection.status).toBe(201);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    problems = watchProblems(page);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  afterEach(() => expect(problems()).toEqual([]));

  async function faults(body: object): Promise<void> {
    const res = await fetch(`${stack.sandboxOrigin}/$sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  }
  async function refer(n: number): Promise<string> {
    const res = await referrer.send('POST', '/referrals', referral(n));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  async function signIn(p: Page, email: string, password: string): Promise<void> {
    await p.goto(consoleUrl);
    await p.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await p.getByLabel('Email').fill(email);
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
  }
  const card = () => page.locator('.connection-card', { hasText: CONNECTION });
  const health = () => card().getByTestId('health');

  it('shows ops a healthy connection once a referral reached the EHR', async () => {
    const id = await refer(1);
    await eventually(() => referrer.send('GET', `/referrals/${id}`), (r) => r.body?.sync?.[0]?.state === 'synced', 30000);
    await signIn(page, 'ops@clinic.example', 'ops passphrase 123');
    await page.getByRole('heading', { level: 1, name: 'EHR connections' }).waitFor();
    await health().filter({ hasText: HEALTHY }).waitFor(SHOWS_WITHIN);
    await card().getByTestId('failed-count').filter({ hasText: 'failed 0' }).waitFor();
    await expect(card().getByRole('img').getAttribute('aria-label')).resolves.toMatch(/sent and \d+ failed in the last 60 minutes/);
    await expectAccessible(page, 'console overview, healthy');
    // The raw queues open in a tab of their own, through a one-time ticket (the bearer token stays in this tab).
    const ticketed = context.waitForEvent('response', (r) => new URL(r.url()).pathname.startsWith('/ops/queues') && new URL(r.url()).searchParams.has('ticket'));
    const [board] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Raw queues (Bull Board)' }).click()]);
    expect((await ticketed).status()).toBeLessThan(400);
    await board.close();
  });

  it('turns the connection unhealthy while the EHR fails, without a reload', async () => {
    await markPage(page);
    await faults({ dropRate: 1 });
    for (let n = 2; n <= 3; n++) await refer(n);
    await health().filter({ hasText: /Unhealthy|Degraded/ }).waitFor(SHOWS_WITHIN);
    await card().getByTestId('failed-count').filter({ hasText: /failed [1-9]/ }).waitFor(SHOWS_WITHIN);
    expect(await pageKept(page)).toBe(true);
    await expectAccessible(page, 'console overview, unhealthy');
  });

  it("opens the connection: its failed job, with ids and the reason's code", async () => {
    await card().getByRole('link', { name: CONNECTION }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(CONNECTION) }).waitFor();
    const reason = page.getByTestId('job-reason').first();
    await reason.waitFor(SHOWS_WITHIN);
    expect((await reason.textContent())?.trim()).not.toBe('');
    // Ids and codes only: none of the referred patients' names reach the page.
    expect(await page.locator('main').textContent()).not.toMatch(/Opsconsole/);
    // The resync form refuses what is not a patient id, before anything is sent.
    await page.getByLabel('Patient id (internal UUID)').fill('Patient2 Opsconsole');
    await page.getByRole('button', { name: 'Resync patient' }).click();
    await page.locator('#resync-patient-error', { hasText: /UUID/ }).waitFor();
    await page.getByLabel('Patient id (internal UUID)').fill('');
    await expectAccessible(page, 'console connection, failed jobs');
    expect(await pageKept(page)).toBe(true);
  });

  it('retries every failed job once the EHR is back: the failed count falls to 0 and the connection is healthy again', async () => {
    await faults({ latencyMs: 0 });
    await page.getByRole('button', { name: 'Retry all failed' }).click();
    await page.getByRole('button', { name: 'Confirm: retry all failed' }).click();
    await page.getByRole('status').filter({ hasText: /[1-9]\d* jobs? retried/ }).waitFor(SHOWS_WITHIN);
    await page.getByTestId('failed-count').filter({ hasText: 'failed 0' }).waitFor(SHOWS_WITHIN);
    await page.getByTestId('no-failed-jobs').waitFor(SHOWS_WITHIN);
    // Health weighs the last 5 minutes, whose failures stay in the window: the connection reads Healthy again
    // once the syncs that follow bring the error rate under 10 %, as the clinic's traffic does after an outage.
    const badge = page.getByRole('heading', { level: 1 }).getByTestId('health').filter({ hasText: HEALTHY });
    for (let batch = 0; batch < 15 && !(await badge.isVisible()); batch++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => refer(100 + batch * 10 + i)));
      await badge.waitFor({ timeout: 8_000 }).catch(() => undefined);
    }
    await badge.waitFor(SHOWS_WITHIN);
    expect(await pageKept(page)).toBe(true);
  });

  it("shows a record the EHR refused as a dead letter, with its outcome's codes and paths", async () => {
    const rules = (body: object) => fetch(`${stack.sandboxOrigin}/$sandbox/rules`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await rules({ requiredElements: { Patient: ['telecom'] } })).status).toBe(200);
    await refer(300);
    const deadLetter = page.getByRole('region', { name: 'Failed and dead-letter records' }).getByRole('row').filter({ hasText: 'Dead letter' }).first();
    await deadLetter.waitFor(SHOWS_WITHIN);
    expect(await deadLetter.textContent()).toMatch(/Patient .*required at Patient\.telecom/);
    expect((await rules({})).status).toBe(200);
    await expectAccessible(page, 'console connection, dead letter');
  });

  it('asks the worker to reconcile the connection with its EHR, and sends everything again, each confirmed first', async () => {
    await page.getByRole('button', { name: 'Reconcile with the EHR' }).click();
    await page.getByRole('button', { name: 'Confirm: reconcile with the ehr' }).click();
    await page.getByRole('status').filter({ hasText: /Reconciliation queued \(job \S+\)/ }).waitFor(SHOWS_WITHIN);
    await page.getByRole('button', { name: 'Resync everything' }).click();
    await page.getByRole('button', { name: 'Confirm: resync everything' }).click();
    await page.getByRole('status').filter({ hasText: /[1-9]\d* records? of [1-9]\d* patients? queued/ }).waitFor(SHOWS_WITHIN);
    await expectAccessible(page, 'console connection, after reconcile and resync');
  });

  it('searches the sync ledger, also on a phone', async () => {
    await page.getByRole('link', { name: 'Search the ledger' }).click();
    await page.getByRole('heading', { level: 1, name: 'Search the sync ledger' }).waitFor();
    // Checked with the API's own schema before anything is sent: the wrong field says why and has the focus.
    await page.getByLabel('Referral id').fill('R-2024-17');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#search-referralId-error', { hasText: 'Referral id must be a UUID' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-referralId');
    await page.getByLabel('Referral id').fill('');
    await page.getByLabel('Status').selectOption('synced');
    await page.getByLabel('Resource type').fill('Patient');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: /\d+ records? found/ }).waitFor(SHOWS_WITHIN);
    expect(await page.getByRole('region', { name: 'Sync ledger records' }).getByRole('row').count()).toBeGreaterThan(1);
    expect(await page.locator('main').textContent()).not.toMatch(/Opsconsole/);
    await expectAccessible(page, 'console ledger search');
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await scrollsSideways(page)).toBe(false);
    await page.getByRole('link', { name: 'Connections' }).click();
    await health().waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await expectAccessible(page, 'console overview, phone');
  });

  it('tells a referrer the console is not for them, and the ops API and Bull Board refuse them', async () => {
    const referrerContext = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const referrerPage = await referrerContext.newPage();
    const referrerProblems = watchProblems(referrerPage);
    await signIn(referrerPage, 'dr.lee@harbor-psychiatry.example', 'referrer passphrase 123');
    await referrerPage.getByRole('heading', { level: 1, name: 'This console is not for you' }).waitFor();
    expect(await referrerPage.locator('.connection-card').count()).toBe(0);
    await expectAccessible(referrerPage, 'console, not for a referrer');
    expect(referrerProblems()).toEqual([]);
    await referrerContext.close();

    expect([401, 403]).toContain((await fetch(`${stack.apiUrl}/ops/queues/`)).status);
    expect([401, 403]).toContain((await fetch(`${stack.apiUrl}/ops/queues/`, { headers: { authorization: `Bearer ${referrer.accessToken}` } })).status);
    expect((await referrer.send('POST', '/ops/queues/ticket')).status).toBe(403);
    expect((await referrer.send('GET', '/ops/connections')).status).toBe(403);
  });
});
