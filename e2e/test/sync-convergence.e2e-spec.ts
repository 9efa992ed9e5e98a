import { eventually } from '@keta/lifecycle/testing';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ApiClient } from './api-client';
import { createAdmin, startStack, type Stack } from './stack';

const PATIENTS = 1000;
/** The stated budget: 1,000 patients (4,000 records) through 30 % faults, 3 crashes and a Redis flush. */
const BUDGET_MS = 240_000;
const TYPES = ['Patient', 'Condition', 'ServiceRequest', 'Task'] as const;

function referral(n: number) {
  return {
    patient: {
      name: { given: [`Convergence${n}`], family: 'Steady' }, birthDate: '1975-06-15', sex: n % 2 ? 'female' : 'male',
      identifiers: [{ system: 'http://harbor-psychiatry.example/mrn', value: `MRN-${randomUUID()}` }],
    },
    referrer: { name: 'Dr Lee', npi: '1234567893' },
    indication: { system: 'http://snomed.info/sct', code: n % 3 ? '370143000' : '47505003' },
    reason: `Referral ${n}`,
  };
}

/**
 * DESIGN.md's promise under the worst this machine can stage: every record of 1,000 patients reaches the
 * EHR exactly once and as it is, while the EHR fails 30 % of requests (5xx, 429, timeouts after storing,
 * dropped sockets), the worker is SIGKILLed three times and Redis loses everything once.
 */
describe('convergence under faults', () => {
  let stack: Stack;
  let db: Client;

  beforeAll(async () => {
    stack = await startStack({
      EHR_REQUEST_TIMEOUT_MS: '1500', SYNC_CONCURRENCY: '8', SYNC_ATTEMPTS: '100', SYNC_BACKOFF_MS: '100',
      SYNC_BREAKER_COOLDOWN_MS: '300', OUTBOX_REQUEUE_AFTER_MS: '3000', LOG_LEVEL: 'info',
    });
    db = new Client({ connectionString: stack.db.url });
    await db.connect();
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  const behind = async () => (await db.query(
    `SELECT count(*)::int AS n FROM fhir_resource r WHERE NOT EXISTS (
       SELECT 1 FROM sync_ledger l WHERE l.resource_id = r.id AND l.resource_type = r.resource_type AND l.status = 'synced' AND l.local_version >= r.version)`,
  )).rows[0].n as number;

  it(`delivers every record of ${PATIENTS} patients exactly once, as it is, within ${BUDGET_MS / 1000} s`, async () => {
    createAdmin(stack, 'admin@clinic.example', 'e2e admin passphrase');
    const admin = await ApiClient.signIn(stack.apiUrl, 'admin@clinic.example', 'e2e admin passphrase');
    await admin.send('POST', '/users', { email: 'referrer@clinic.example', displayName: 'r', role: 'referrer', password: 'referrer passphrase 123' });
    const referrer = await ApiClient.signIn(stack.apiUrl, 'referrer@clinic.example', 'referrer passphrase 123');
    expect((await admin.send('POST', '/ehr-connections', { name: 'Sandbox EHR', baseUrl: stack.sandboxFhirUrl, kind: 'clinic-ehr' })).status).toBe(201);
    const faults = { errorRate: 0.15, rateLimitRate: 0.05, retryAfterSeconds: 0, timeoutRate: 0.05, dropRate: 0.05, seed: 2026 };
    await fetch(`${stack.sandboxOrigin}/$sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });

    const started = Date.now();
    const referring = (async () => {
      for (let n = 0; n < PATIENTS; n += 20) {
        const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => referrer.send('POST', '/referrals', referral(n + i))));
        expect(answers.every((a) => a.status === 201)).toBe(true);
      }
    })();
    for (const chaos of ['kill', 'kill', 'flush', 'kill'] as const) {
      await new Promise((resolve) => setTimeout(resolve, 4000));
      if (chaos === 'kill') {
        await stack.killWorker();
        await stack.startWorker();
      } else {
        const redis = new Redis(stack.redis.url, { maxRetriesPerRequest: 1 });
        await redis.flushall();
        redis.disconnect();
      }
    }
    await referring;
    await eventually(behind, (n) => n === 0, BUDGET_MS - (Date.now() - started));
    const seconds = (Date.now() - started) / 1000;
    await fetch(`${stack.sandboxOrigin}/$sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });

    const received = (await (await fetch(`${stack.sandboxOrigin}/$sandbox/requests`)).json()) as { received: Array<{ fault?: string }> };
    const faulted = received.received.filter((r) => r.fault).length;
    process.stdout.write(`convergence: ${PATIENTS} patients, ${PATIENTS * TYPES.length} records in ${seconds.toFixed(1)} s; ${received.received.length} requests, ${faulted} faulted\n`);
    expect(faulted / received.received.length).toBeGreaterThan(0.2);
    await expectEhrEqualsProjection();
  }, BUDGET_MS + 120_000);

  /** Each record once in the EHR (by Keta's identifier), with the projection's content: ids and references mapped back. */
  async function expectEhrEqualsProjection(): Promise<void> {
    const ledger = (await db.query(`SELECT resource_type, resource_id, remote_id FROM sync_ledger`)).rows as Array<{ resource_type: string; resource_id: string; remote_id: string }>;
    const local = new Map(ledger.map((l) => [`${l.resource_type}/${l.remote_id}`, `${l.resource_type}/${l.resource_id}`]));
    for (const type of TYPES) {
      const projected = (await db.query(`SELECT id, resource FROM fhir_resource WHERE resource_type = $1`, [type])).rows as Array<{ id: string; resource: Resource }>;
      const stored = await everyResource(type);
      const byKetaId = new Map<string, Resource[]>();
      for (const resource of stored) {
        const own = (resource as { identifier?: Array<{ system?: string; value?: string }> }).identifier?.find((i) => i.system?.startsWith('urn:keta:'))?.value ?? '';
        byKetaId.set(own, [...(byKetaId.get(own) ?? []), resource]);
      }
      expect({ type, count: stored.length }).toEqual({ type, count: projected.length });
      for (const { id, resource } of projected) {
        const copies = byKetaId.get(id) ?? [];
        expect({ type, id, copies: copies.length }).toEqual({ type, id, copies: 1 });
        expect(withoutServerMeta(mapReferences(copies[0], local))).toEqual(withoutServerMeta(resource));
      }
    }
  }

  async function everyResource(type: string): Promise<Resource[]> {
    const all: Resource[] = [];
    let url: string | undefined = `${stack.sandboxFhirUrl}/${type}?_count=1000`;
    while (url) {
      const page = (await (await fetch(url)).json()) as Bundle;
      all.push(...(page.entry ?? []).map((e) => e.resource!));
      url = page.link?.find((l) => l.relation === 'next')?.url;
    }
    return all;
  }
});

function withoutServerMeta(resource: Resource | undefined): unknown {
  if (!resource) return undefined;
  const { id: _id, meta, ...content } = resource;
  const labels = meta?.security || meta?.tag ? { meta: { ...(meta.security ? { security: meta.security } : {}), ...(meta.tag ? { tag: meta.tag } : {}) } } : {};
  return { ...content, ...labels };
}

function mapReferences<T>(value: T, local: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) return value.map((v) => mapReferences(v, local)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [
    key, key === 'reference' && typeof inner === 'string' ? (local.get(inner) ?? inner) : mapReferences(inner, local),
  ])) as T;
}
