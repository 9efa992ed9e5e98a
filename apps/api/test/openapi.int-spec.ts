import request from 'supertest';
import { servedRoutes } from './served-routes';
import { startTestApp, type TestApp } from './test-app';

interface Operation {
  requestBody?: { content: Record<string, { schema?: unknown }> };
  parameters?: Array<{ name: string; in: string }>;
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

/** The routes that serve the description itself (the page, its assets, the document). */
const isDocs = (route: string) => /^GET \/docs(\/|-json|-yaml|$)/.test(route);
/** Bodies that are not JSON a domain schema describes: a PDF, a FHIR resource, an OAuth form. */
const PDF_BODIES = ['PUT /referrals/:id/letter', 'PUT /consents/:id/document'];
const RAW_BODIES = [...PDF_BODIES, 'POST /fhir/R4', 'POST /oauth2/token'];

describe('OpenAPI at /docs', () => {
  let t: TestApp;
  let document: OpenApi;

  beforeAll(async () => {
    t = await startTestApp('openapi');
    const res = await request(t.http).get('/docs-json');
    expect(res.status).toBe(200);
    document = res.body as OpenApi;
  });
  afterAll(() => t.close());

  const operation = (route: string): Operation | undefined => {
    const [method, path] = route.split(' ') as [string, string];
    return document.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  };

  it('describes every route the application serves, and nothing else', () => {
    const served = servedRoutes(t).filter((r) => !isDocs(r));
    expect(served.filter((route) => !operation(route))).toEqual([]);
    const described = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(described.sort()).toEqual(served.sort());
  });

  it('gives every JSON body its schema, from the same domain schema that validates it', () => {
    const withBody = servedRoutes(t).filter((r) => /^(POST|PUT|PATCH) /.test(r) && !RAW_BODIES.includes(r));
    const undescribed = withBody.filter((route) => !operation(route)?.requestBody?.content['application/json']?.schema);
    // Routes that take no body at all (an action on the record in their path) are the only exceptions.
    expect(undescribed.sort()).toEqual([
      'POST /appointments/:id/held', 'POST /appointments/:id/no-show', 'POST /consents/:id/revoke', 'POST /ehr-connections/:id/next-signing-key',
      'POST /ehr-connections/:id/next-signing-key/activate', 'POST /ehr-connections/:id/signing-key', 'POST /ops/connections/:id/dead-letters/replay',
      'POST /ops/connections/:id/jobs/:jobId/retry', 'POST /ops/connections/:id/jobs/retry-failed', 'POST /ops/connections/:id/pause',
      'POST /ops/connections/:id/resume', 'POST /ops/queues/ticket', 'POST /patients/:patientId/medications/:id/stop',
    ]);
    expect(operation('POST /referrals')?.requestBody?.content['application/json']?.schema).toMatchObject({
      type: 'object', required: expect.arrayContaining(['patient', 'referrer', 'indication']),
    });
  });

  it('describes a document sent as a PDF body', () => {
    for (const route of PDF_BODIES) expect(operation(route)?.requestBody?.content['application/pdf']?.schema).toMatchObject({ type: 'string', format: 'binary' });
  });

  it('describes query parameters from their schema', () => {
    expect(operation('GET /audit-events')?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['query:outcome', 'query:since', 'query:limit']));
  });

  it('says the superbill answers JSON or a PDF', () => {
    for (const route of ['GET /encounters/:id/superbill', 'GET /series/:id/superbill']) {
      const ok = (operation(route) as { responses?: Record<string, { content?: object }> } | undefined)?.responses?.['200'];
      expect(Object.keys(ok?.content ?? {})).toEqual(['application/json', 'application/pdf']);
    }
  });

  it('serves the page to read it without signing in', async () => {
    const page = await request(t.http).get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});
