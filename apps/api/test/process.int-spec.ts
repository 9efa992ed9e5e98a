import { MIGRATIONS } from '@keta/db';
import { createTestDatabase, type TestDatabase } from '@keta/db/testing';
import { eventually, freePort, getJson, startProcess } from '@keta/lifecycle/testing';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';

const dist = join(__dirname, '..', 'dist');

function run(script: string, env: Record<string, string>, input?: string) {
  const result = spawnSync(process.execPath, [join(dist, script), ...(env.ARGS ? env.ARGS.split('|') : [])], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    input,
    encoding: 'utf8',
    timeout: 20000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('the API process', () => {
  it.each([
    ['DATABASE_URL', 'nonsense'],
    ['PORT', 'eighty'],
    ['AUTH_TOKEN_SECRET', 'too-short'],
  ])('exits at once, naming %s, when it is %s', (variable, value) => {
    const result = run('main.js', { [variable]: value });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect(result.stderr).not.toContain(value);
  });

  it('refuses to run in production with the public development secret', () => {
    const result = run('main.js', { NODE_ENV: 'production' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('AUTH_TOKEN_SECRET is required in production');
  });
});

describe('two API processes starting at once on an empty database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('api_start', { migrated: false });
  });
  afterAll(() => db.drop());

  it('migrate it once under the advisory lock, serve, and stop cleanly on SIGTERM', async () => {
    const ports = [await freePort(), await freePort()];
    const apis = ports.map((port) => startProcess(join(dist, 'main.js'), { DATABASE_URL: db.url, PORT: String(port) }));
    try {
      for (const port of ports) {
        await eventually(() => getJson(`http://127.0.0.1:${port}/health/ready`), (r) => r.status === 200);
      }
      const client = new Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query('SELECT name FROM schema_migration');
      await client.end();
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ name: m.name })));
      for (const api of apis) api.child.kill('SIGTERM');
      expect(await Promise.all(apis.map((api) => api.exited))).toEqual([0, 0]);
      expect(apis[0]!.output()).toContain('Keta API stopped');
    } finally {
      for (const api of apis) api.child.kill('SIGKILL');
    }
  });
});

describe('API logs', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('api_logs');
  });
  afterAll(() => db.drop());

  it('carry the request id and path, never bodies, query strings or tokens', async () => {
    const port = await freePort();
    const api = startProcess(join(dist, 'main.js'), { DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: 'info' });
    const base = `http://127.0.0.1:${port}`;
    try {
      await eventually(() => getJson(`${base}/health/ready`), (r) => r.status === 200);
      const secrets = ['Jane Q Patient', 'jane.patient@mail.example', '1984-02-29', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x'];
      await fetch(`${base}/auth/sign-in?name=${encodeURIComponent(secrets[0]!)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-42' },
        body: JSON.stringify({ email: secrets[1], password: secrets[2] }),
      });
      await fetch(`${base}/users`, { headers: { authorization: secrets[3]! } });
      await fetch(`${base}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"displayName": "${secrets[0]}"` });
      const logs = await eventually(async () => api.output(), (text) => text.split('request completed').length > 3);
      expect(logs).toContain('"id":"trace-42","method":"POST","path":"/auth/sign-in"');
      for (const secret of secrets) expect(logs).not.toContain(secret);
    } finally {
      api.child.kill('SIGKILL');
    }
  });
});

describe('admin:create', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('cli', { migrated: false });
  });
  afterAll(() => db.drop());

  const create = (email: string, password: string) =>
    run('cli/create-admin.js', { DATABASE_URL: db.url, ARGS: `--email|${email}|--name|First Admin` }, `${password}\n`);

  it('migrates, creates the first admin with a hashed password, and refuses a second', async () => {
    const first = create('boss@clinic.example', 'first admin passphrase');
    expect(first).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Created admin [0-9a-f-]{36}\n$/) });
    const second = create('other@clinic.example', 'second admin passphrase');
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('An admin already exists');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query('SELECT email, role, password_hash FROM app_user');
    await client.end();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: 'boss@clinic.example', role: 'admin' });
    expect(rows[0].password_hash).toMatch(/^scrypt\$/);
  });

  it('names what is wrong with the input', () => {
    const result = create('not-an-email', 'short');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('email: Invalid email address');
    expect(result.stderr).toContain('password: Too small');
  });
});
