import { eventually } from '@keta/lifecycle/testing';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { ApiClient } from './api-client';
import { createAdmin, startStack, type Stack } from './stack';

function referral(n: number) {
  return {
    patient: {
      name: { given: [`Smart${n}`], family: 'Token' }, birthDate: '1985-03-04', sex: 'female',
      identifiers: [{ system: 'http://harbor-psychiatry.example/mrn', value: `MRN-${randomUUID()}` }],
    },
    referrer: { name: 'Dr Lee', npi: '1234567893' },
    indication: { system: 'http://snomed.info/sct', code: '370143000' },
    reason: 'Major depression',
  };
}

interface AuthState {
  issued: Record<string, number>;
  refused: Record<string, number>;
}

/**
 * Keta against an EHR that takes only SMART Backend Services tokens, as separate processes: the EHR fetches
 * Keta's public key from its JWKS URL, the worker takes one token and keeps it, takes another after a forced
 * 401, and a key the EHR no longer accepts stops the sync (shown to ops) instead of being tried forever.
 */
describe('an EHR that asks for SMART tokens', () => {
  let stack: Stack;
  let admin: ApiClient;
  let referrer: ApiClient;
  let ops: ApiClient;
  let connectionId: string;

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.sandboxOrigin}/$sandbox/${path}`, {
      method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    return res.status === 204 ? undefined : ((await res.json()) as unknown);
  };
  const auth = async () => (await control('GET', 'auth')) as AuthState;
  async function refer(n: number): Promise<string> {
    const res = await referrer.send('POST', '/referrals', referral(n));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const state = async (id: string) => (await referrer.send('GET', `/referrals/${id}`)).body.sync[0].state as string;
  const health = async () => {
    const all = (await ops.send('GET', '/ops/connections')).body as Array<{ id: string; health: string; healthReasons: string[]; authRefused: unknown }>;
    return all.find((c) => c.id === connectionId)!;
  };

  beforeAll(async () => {
    stack = await startStack({ SYNC_CONCURRENCY: '2', SYNC_BREAKER_COOLDOWN_MS: '500' });
    createAdmin(stack, 'admin@clinic.example', 'e2e admin passphrase');
    admin = await ApiClient.signIn(stack.apiUrl, 'admin@clinic.example', 'e2e admin passphrase');
    for (const role of ['referrer', 'ops']) {
      await admin.send('POST', '/users', { email: `${role}@clinic.example`, displayName: role, role, password: `${role} passphrase 123` });
    }
    referrer = await ApiClient.signIn(stack.apiUrl, 'referrer@clinic.example', 'referrer passphrase 123');
    ops = await ApiClient.signIn(stack.apiUrl, 'ops@clinic.example', 'ops passphrase 123');
    await control('PUT', 'auth', { enabled: true, tokenLifetimeSeconds: 300 });
    const created = await admin.send('POST', '/ehr-connections', {
      name: 'Harbor EHR', baseUrl: stack.sandboxFhirUrl, kind: 'clinic-ehr', auth: { kind: 'smart-backend', clientId: 'keta-clinic', scopes: ['system/*.cruds'] },
    });
    expect(created.status).toBe(201);
    connectionId = created.body.id as string;
    // The EHR's admin registers Keta with the JWKS URL the connection shows: the EHR fetches the key from Keta.
    expect(created.body.auth.jwksUrl).toBe(`${stack.apiUrl}/.well-known/jwks.json`);
    await control('PUT', 'auth/clients/keta-clinic', { jwksUrl: created.body.auth.jwksUrl, scopes: 'system/*.cruds' });
  });
  afterAll(() => stack?.stop());

  it('takes one token and keeps it; after a forced 401 takes one more, and every record arrives', async () => {
    const first = [await refer(1), await refer(2)];
    for (const id of first) await eventually(() => state(id), (s) => s === 'synced', 30000);
    expect((await auth()).issued['keta-clinic']).toBe(1);

    await control('POST', 'auth/revoke');
    const after = await refer(3);
    await eventually(() => state(after), (s) => s === 'synced', 30000);
    expect((await auth()).issued['keta-clinic']).toBe(2);
    expect((await health()).authRefused).toBeNull();
  });

  it('stops at a key the EHR refuses, shows ops why, asks no more; and sends it all once ops retry after the fix', async () => {
    const registered = (await control('GET', 'auth/clients/keta-clinic')) as { jwksUrl: string };
    const kid = ((await (await fetch(registered.jwksUrl)).json()) as { keys: Array<{ kid: string }> }).keys[0]!.kid;
    const stranger = { ...generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' }), kid, alg: 'ES384' };
    await control('PUT', 'auth/clients/keta-clinic', { jwks: { keys: [stranger] }, scopes: 'system/*.cruds' });
    await control('POST', 'auth/revoke');

    const held = await refer(4);
    const seen = await eventually(health, (h) => h.authRefused !== null, 30000);
    expect(seen).toMatchObject({ health: 'unhealthy', authRefused: { code: 'ehr_auth_invalid_client' } });
    expect(seen.healthReasons[0]).toMatch(/^the EHR refused Keta's credentials \(ehr_auth_invalid_client\)/);
    const refusedThen = (await auth()).refused['keta-clinic'];
    // Past several outbox re-queues (3 s) and breaker probes (0.5 s): the EHR is not asked again.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    expect((await auth()).refused['keta-clinic']).toBe(refusedThen);
    expect(await state(held)).not.toBe('synced');

    await control('PUT', 'auth/clients/keta-clinic', { jwksUrl: registered.jwksUrl, scopes: 'system/*.cruds' });
    expect((await ops.send('POST', `/ops/connections/${connectionId}/jobs/retry-failed`)).status).toBeLessThan(300);
    await eventually(() => state(held), (s) => s === 'synced', 30000);
    expect((await health()).authRefused).toBeNull();
  });
});
