import { createTestDatabase, type TestDatabase } from '@keta/db/testing';
import { eventually, freePort, getJson, startProcess } from '@keta/lifecycle/testing';
import { join } from 'node:path';
import { Client } from 'pg';
import { postToken, signAssertion, signingKey, tokenForm } from './smart-fixtures';

const dist = join(__dirname, '..', 'dist');

/** The built API, logging at info as in production: a client's assertion and token never reach the logs. */
describe('API logs of SMART Backend Services', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('smart_logs');
  });
  afterAll(() => db.drop());

  it('carry the client id and path, never the assertion or the access token', async () => {
    const key = await signingKey('RS384');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO ehr_client (name, jwks, scopes) VALUES ('Logged EHR', $1, $2) RETURNING id`,
      [{ keys: [key.publicJwk] }, ['system/Patient.rs']],
    );
    await client.end();
    const clientId = rows[0]!.id;

    const port = await freePort();
    const api = startProcess(join(dist, 'main.js'), { DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: 'info' });
    const base = `http://127.0.0.1:${port}`;
    try {
      await eventually(() => getJson(`${base}/health/ready`), (r) => r.status === 200);
      const good = await signAssertion(key, 'RS384', { iss: clientId, aud: `${base}/oauth2/token` });
      const granted = await postToken(base, tokenForm(good, 'system/Patient.rs'));
      expect(granted.status).toBe(200);
      const bad = await signAssertion(key, 'RS384', { iss: clientId, aud: 'https://elsewhere.example/oauth2/token' });
      expect((await postToken(base, tokenForm(bad, 'system/Patient.rs'))).status).toBe(400);
      const accessToken = granted.body.access_token as string;
      const search = await fetch(`${base}/fhir/R4/Patient?_count=1`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(search.status).toBe(200);

      const logs = await eventually(async () => api.output(), (text) => text.split('request completed').length > 3);
      expect(logs).toContain('"path":"/oauth2/token"');
      expect(logs).toContain(`"clientId":"${clientId}"`);
      for (const secret of [good, bad, accessToken, good.split('.')[2]!, accessToken.split('.')[2]!]) expect(logs).not.toContain(secret);
    } finally {
      api.child.kill('SIGKILL');
    }
  });
});
