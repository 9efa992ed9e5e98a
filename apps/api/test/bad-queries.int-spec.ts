import request from 'supertest';
import { servedRoutes } from './served-routes';
import { startTestApp, type TestApp } from './test-app';

type Parameter = { name: string; in: string; schema?: { type?: string; enum?: unknown[]; format?: string } };
type OpenApi = { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>> };

const ROLES = ['admin', 'clinician', 'front-desk', 'referrer', 'ops'] as const;
/** The FHIR endpoint answers its own way (OperationOutcome, FHIR ids): its search parameters have a test of their own. */
const OWN_RULES = /^\w+ \/(fhir\/|docs)/;
/** Path ids are UUIDs, but for these: a BullMQ job is numbered. */
const VALID_PATH_VALUES: Record<string, string> = { jobId: '1' };

/**
 * Every id in a path and every query string the REST API takes is checked before anything runs, for any role
 * the route lets in: 400 naming the parameter, never a 404, a 500 or a silent default. Routes come from the
 * running app and their query parameters from its OpenAPI document, so a new route is covered.
 */
describe('every path id and query string the API takes', () => {
  let t: TestApp;
  let document: OpenApi;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp('bad_queries');
    for (const role of ROLES) tokens.set(role, (await t.signedIn(role)).token);
    document = (await request(t.http).get('/docs-json')).body as OpenApi;
  });
  afterAll(() => t.close());

  const operation = (route: string) => {
    const [method, path] = route.split(' ') as [string, string];
    return document.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  };

  const takesBody = (route: string) => operation(route)?.requestBody !== undefined;

  /** The answer of the first role the route lets in, or undefined when none may call it. */
  async function firstAnswer(method: string, url: string): Promise<request.Response | undefined> {
    for (const role of ROLES) {
      const res = await request(t.http)[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set('authorization', `Bearer ${tokens.get(role)}`).send({});
      if (res.status !== 401 && res.status !== 403) return res;
    }
    return undefined;
  }

  const names = (res: request.Response) => ((res.body.errors ?? []) as Array<{ field?: string }>).map((e) => e.field);

  it('answers 400 naming the parameter to a path id that is not one', async () => {
    const routes = servedRoutes(t).filter((r) => r.includes('/:') && !OWN_RULES.test(r));
    expect(routes.length).toBeGreaterThan(40);
    const wrong: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      for (const param of [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!)) {
        const url = path.replace(/:(\w+)/g, (_, name: string) => (name === param ? 'not-an-id' : VALID_PATH_VALUES[name] ?? '00000000-0000-4000-8000-000000000000'));
        const res = await firstAnswer(method, url);
        // A route that takes a body may check the (empty) body first: still a 400 naming what is wrong.
        const named = names(res ?? ({ body: {} } as request.Response)).includes(param) || (takesBody(route) && names(res!).length > 0);
        if (res && (res.status !== 400 || !named)) wrong.push(`${route} (${param}): ${res.status} ${JSON.stringify(names(res))}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 400 naming the parameter to a query parameter it does not take, or a value it cannot be', async () => {
    const routes = servedRoutes(t).filter((r) => !OWN_RULES.test(r) && (operation(r)?.parameters ?? []).some((p) => p.in === 'query'));
    expect(routes.length).toBeGreaterThanOrEqual(7);
    const wrong: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const base = path.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
      const unknown = await firstAnswer(method, `${base}?notAParameter=1`);
      if (unknown && (unknown.status !== 400 || !names(unknown).includes('notAParameter'))) wrong.push(`${route} ?notAParameter: ${unknown.status}`);
      // A value no typed parameter (number, date, enum, id) can be; a free-text one has nothing to refuse.
      for (const param of (operation(route)?.parameters ?? []).filter((p) => p.in === 'query' && (p.schema?.type !== 'string' || p.schema.enum || p.schema.format))) {
        const res = await firstAnswer(method, `${base}?${param.name}=%25%25nonsense`);
        if (res && (res.status !== 400 || !names(res).includes(param.name))) wrong.push(`${route} ?${param.name}: ${res.status} ${JSON.stringify(names(res))}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
