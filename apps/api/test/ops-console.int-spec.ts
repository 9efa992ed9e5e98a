import express from 'express';
import request from 'supertest';
import { opsConsole, opsConsoleDist } from '../src/http/ops-console';
import { startTestApp, type TestApp } from './test-app';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

describe('the ops console, served at /console', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('ops_console');
  });
  afterAll(() => t.close());

  it('serves its own build under the portal policy, with no inline script or style, and routes its pages to index.html', async () => {
    expect(opsConsoleDist()).not.toBeNull();
    for (const path of ['/console/', '/console/connections/7d0b9c64-2c52-4e0c-9a55-3f1c1c4c2f10', '/console/search']) {
      const res = await request(t.http).get(path);
      expect([path, res.status, res.headers['content-security-policy'], res.headers['cache-control']]).toEqual([path, 200, CSP, 'no-cache']);
      expect(res.text).toMatch(/<title>Keta ops console<\/title>/);
      expect([...res.text.matchAll(/<script\b([^>]*)>/g)].every(([, attributes]) => / src="\/console\/assets\//.test(attributes!))).toBe(true);
      expect(res.text).not.toMatch(/<style\b| style=/);
    }
    const html = (await request(t.http).get('/console/')).text;
    const asset = await request(t.http).get(/src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1]!);
    expect([asset.status, asset.headers['cache-control']]).toEqual([200, 'public, max-age=31536000, immutable']);
    const bare = await request(t.http).get('/console');
    expect([bare.status, bare.headers.location]).toEqual([301, '/console/']);
    expect((await request(t.http).get('/console/assets/missing.js')).status).toBe(404);
  });

  it('without a build, the API still serves, and /console says what is missing', async () => {
    const res = await request(express().use('/console', opsConsole(null))).get('/console/search');
    expect(res.status).toBe(404);
    expect(res.body.detail).toMatch(/ops console is not built.*pnpm build/);
  });
});
