import express from 'express';
import request from 'supertest';
import { portal, portalDist } from '../src/http/portal';
import { startTestApp, type TestApp } from './test-app';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

describe('the referral portal, served at /portal', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('portal');
  });
  afterAll(() => t.close());

  function expectLockedDown(res: request.Response): void {
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  }

  it('serves the built page, revalidated on every visit, with no inline script or style', async () => {
    expect(portalDist()).not.toBeNull();
    const res = await request(t.http).get('/portal/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expectLockedDown(res);
    expect(res.text).toMatch(/<html lang="en">/);
    // Every script is a file (script-src 'self' refuses inline ones), and no element carries a style.
    expect([...res.text.matchAll(/<script\b([^>]*)>/g)].every(([, attributes]) => / src="\/portal\/assets\//.test(attributes!))).toBe(true);
    expect(res.text).not.toMatch(/<style\b| style=/);
  });

  it('answers index.html for the pages the portal routes itself, and sends /portal to /portal/', async () => {
    const page = await request(t.http).get('/portal/referrals/7d0b9c64-2c52-4e0c-9a55-3f1c1c4c2f10');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<div id="root">/);
    expectLockedDown(page);
    const bare = await request(t.http).get('/portal');
    expect([bare.status, bare.headers.location]).toEqual([301, '/portal/']);
  });

  it('keeps hashed assets for a year, and answers 404 for a file it does not have', async () => {
    const html = (await request(t.http).get('/portal/')).text;
    const script = /src="(\/portal\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await request(t.http).get(script);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectLockedDown(asset);
    for (const path of ['/portal/assets/missing.js', '/portal/favicon.ico']) {
      const missing = await request(t.http).get(path);
      expect([path, missing.status, missing.headers['content-type']]).toEqual([path, 404, expect.stringMatching(/problem\+json/)]);
    }
  });

  it('leaves the API as it was: its routes, their headers, and / untouched', async () => {
    const live = await request(t.http).get('/health/live');
    expect(live.status).toBe(200);
    // The API's own policy (nothing may run), not the portal's.
    expect(live.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect((await request(t.http).get('/')).status).toBe(404);
    expect((await request(t.http).post('/portal/').send({})).status).toBe(404);
  });

  it('without a build, the API still serves, and /portal says what is missing', async () => {
    const app = express().use('/portal', portal(null));
    const res = await request(app).get('/portal/referrals/x');
    expect(res.status).toBe(404);
    expect(res.body.detail).toMatch(/not built.*pnpm build/);
  });
});
