import { parsePrometheusText, sampleValue } from '@keta/lifecycle/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from './test-app';

/** The API's /metrics as Prometheus scrapes it: with an ops or admin token, requests timed by route template. */
describe('API metrics', () => {
  let t: TestApp;
  let ops: string;
  beforeAll(async () => {
    t = await startTestApp('api_metrics');
    ops = (await t.signedIn('ops')).token;
  });
  afterAll(() => t.close());

  const scrape = async (token = ops) => {
    const res = await request(t.http).get('/metrics').set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return parsePrometheusText(res.text);
  };

  it('answers admin and ops, 401 to anonymous and 403 to a referrer', async () => {
    expect((await request(t.http).get('/metrics')).status).toBe(401);
    const referrer = (await t.signedIn('referrer')).token;
    expect((await request(t.http).get('/metrics').set('authorization', `Bearer ${referrer}`)).status).toBe(403);
    const samples = await scrape((await t.signedIn('admin')).token);
    expect(samples.some((s) => s.name === 'keta_api_process_cpu_user_seconds_total')).toBe(true);
  });

  it('times requests by method, route template and status, never by the URL with its ids', async () => {
    const clinician = (await t.signedIn('clinician')).token;
    const byRoute = { method: 'GET', route: '/referrals/:id', status: '404' };
    const before = sampleValue(await scrape(), 'keta_api_http_request_duration_seconds_count', byRoute);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) expect((await request(t.http).get(`/referrals/${id}`).set('authorization', `Bearer ${clinician}`)).status).toBe(404);
    await request(t.http).get(`/referrals/${randomUUID()}`);
    const after = await scrape();
    expect(sampleValue(after, 'keta_api_http_request_duration_seconds_count', byRoute)).toBe(before + 3);
    expect(sampleValue(after, 'keta_api_http_request_duration_seconds_count', { ...byRoute, status: '401' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, 'keta_api_http_request_duration_seconds_bucket', { ...byRoute, le: '+Inf' })).toBe(before + 3);
    const routes = new Set(after.filter((s) => s.name.startsWith('keta_api_http_request')).map((s) => s.labels.route));
    expect([...routes].some((route) => ids.some((id) => route?.includes(id)))).toBe(false);
    expect(routes).toContain('/metrics');
  });
});
