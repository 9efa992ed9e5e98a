import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { servedRoutes } from './served-routes';
import { startTestApp, type TestApp } from './test-app';

type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema?: unknown }> } }>> };

const ROLES = ['admin', 'clinician', 'front-desk', 'referrer', 'ops'] as const;

/**
 * Every route that takes a JSON body checks it before anything runs, whatever record its path names: a body
 * its schema does not describe is refused with 400 and the fields at fault, for any role the route lets in.
 * Routes are read from the running app and their bodies from its OpenAPI document, so a new route is covered.
 */
describe('every JSON body the API takes', () => {
  let t: TestApp;
  let document: OpenApi;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp('bad_bodies');
    for (const role of ROLES) tokens.set(role, (await t.signedIn(role)).token);
    document = (await request(t.http).get('/docs-json')).body as OpenApi;
  });
  afterAll(() => t.close());

  const takesJson = (route: string) => {
    const [method, path] = route.split(' ') as [string, string];
    return Boolean(document.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]?.requestBody?.content['application/json']?.schema);
  };

  it('answers 400 naming the fields to a body its schema does not describe, before it looks at the record', async () => {
    const routes = servedRoutes(t).filter((r) => /^(POST|PUT|PATCH) /.test(r) && takesJson(r));
    expect(routes.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const url = path.replace(/:\w+/g, () => randomUUID());
      let answered = false;
      for (const role of ROLES) {
        const res = await request(t.http)[method.toLowerCase() as 'post' | 'put' | 'patch'](url).set('authorization', `Bearer ${tokens.get(role)}`).send({ notAField: 1 });
        if (res.status === 401 || res.status === 403) continue;
        answered = true;
        const named = Array.isArray(res.body.errors) && res.body.errors.length > 0 && res.body.errors.every((e: { field?: unknown }) => typeof e.field === 'string');
        if (res.status !== 400 || !named) wrong.push(`${route} as ${role}: ${res.status}`);
        break;
      }
      if (!answered && route !== 'POST /auth/sign-in') wrong.push(`${route}: no role may call it`);
    }
    expect(wrong).toEqual([]);
  });
});
