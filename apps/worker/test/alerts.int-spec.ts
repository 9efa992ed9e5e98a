import { createDataSource, writeProjection } from '@keta/db';
import { createTestDatabase, type TestDatabase } from '@keta/db/testing';
import { toFhirPatient } from '@keta/fhir-mapping';
import { freePort } from '@keta/lifecycle/testing';
import { Redis } from 'ioredis';
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { epochMinute, syncActivityKey } from '@keta/queue-contracts';
import { AlertChecker } from '../src/alerts/alert-checker';
import { loadWorkerConfig } from '../src/config/worker-config';

interface Posted { status: string; connectionId: string; kind: string; value: number; threshold: number; firedAt: string; resolvedAt: string | null }

/** Alert checkers against the real PostgreSQL and Redis, and a webhook receiver on a local port. */
describe('alerts per connection', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let redis: Redis;
  let receiver: Server;
  let webhookUrl: string;
  let answerWith = 200;
  const received: Posted[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('alerts');
    ds = await createDataSource({ url: db.url, poolSize: 4 }).initialize();
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (answerWith === 200) received.push(JSON.parse(body) as Posted);
        res.writeHead(answerWith).end();
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
    webhookUrl = `http://127.0.0.1:${port}/alerts`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    redis.disconnect();
    await ds.destroy();
    await db.drop();
  });

  const checker = (prefix = `alerts-${randomUUID()}`) => new AlertChecker(loadWorkerConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, ALERT_WEBHOOK_URL: webhookUrl }), ds, redis);

  it('fires once for a stuck connection however many workers check, keeps quiet while it stays stuck, and resolves once', async () => {
    const deadPort = await freePort();
    const [row] = await ds.query(
      `INSERT INTO ehr_connection (name, base_url, kind, alert_thresholds) VALUES ('Nowhere', $1, 'clinic-ehr', '{"oldestPendingSeconds": 1}') RETURNING id`,
      [`http://127.0.0.1:${deadPort}/fhir/R4`],
    );
    const connectionId = (row as { id: string }).id;
    const patientId = randomUUID();
    await ds.transaction((tx) => writeProjection(tx, [toFhirPatient({ id: patientId, demographics: { name: { given: ['Ana'], family: 'Stuck' }, birthDate: '1980-01-01', sex: 'female', identifiers: [] } })]));
    const [a, b] = [checker(), checker()];
    await Promise.all([a.check(), b.check()]);
    expect(received).toEqual([]); // not yet a second old

    await new Promise((resolve) => setTimeout(resolve, 1100));
    await Promise.all([a.check(), b.check(), a.check(), b.check()]);
    expect(received).toEqual([{ status: 'firing', connectionId, kind: 'oldest-pending', value: expect.any(Number), threshold: 1, firedAt: expect.any(String), resolvedAt: null }]);
    expect(JSON.stringify(received)).not.toContain('Stuck');

    await Promise.all([a.check(), b.check()]);
    expect(received).toHaveLength(1);
    expect(await ds.query(`SELECT kind FROM sync_alert WHERE connection_id = $1`, [connectionId])).toEqual([{ kind: 'oldest-pending' }]);

    await ds.query(`UPDATE outbox SET done_at = now() WHERE patient_id = $1`, [patientId]);
    await Promise.all([a.check(), b.check()]);
    await Promise.all([a.check(), b.check()]);
    expect(received.map((r) => r.status)).toEqual(['firing', 'resolved']);
    expect(received[1]).toMatchObject({ connectionId, kind: 'oldest-pending', threshold: 1, resolvedAt: expect.any(String) });
    expect(await ds.query(`SELECT count(*)::int AS open FROM sync_alert WHERE resolved_at IS NULL`)).toEqual([{ open: 0 }]);
  });

  it('tries an undelivered alert again at the next check until the webhook takes it', async () => {
    received.length = 0;
    const [row] = await ds.query(`INSERT INTO ehr_connection (name, base_url, kind, alert_thresholds) VALUES ('Down', 'http://127.0.0.1:9/fhir', 'clinic-ehr', '{"oldestPendingSeconds": 1}') RETURNING id`);
    const connectionId = (row as { id: string }).id;
    await ds.transaction((tx) => writeProjection(tx, [toFhirPatient({ id: randomUUID(), demographics: { name: { given: ['Bo'], family: 'Late' }, birthDate: '1980-01-01', sex: 'male', identifiers: [] } })]));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    answerWith = 503;
    const a = checker();
    await a.check();
    await a.check();
    expect(received).toEqual([]);
    answerWith = 200;
    await a.check();
    await a.check();
    expect(received.filter((r) => r.connectionId === connectionId).map((r) => r.status)).toEqual(['firing']);
  });

  it('fires on the failure rate of the last minutes counted in Redis, from the minimum number of attempts, and resolves when it falls', async () => {
    const prefix = `alerts-${randomUUID()}`;
    const [row] = await ds.query(`INSERT INTO ehr_connection (name, base_url, kind, enabled, alert_thresholds) VALUES ('Flaky', 'http://127.0.0.1:9/fhir', 'clinic-ehr', true, '{"failureRate": 0.5, "minAttempts": 4, "oldestPendingSeconds": 86400}') RETURNING id`);
    const connectionId = (row as { id: string }).id;
    const count = (minutesAgo: number, outcome: 'completed' | 'failed', n: number) => {
      const key = syncActivityKey(prefix, connectionId, epochMinute(Date.now()) - minutesAgo);
      return redis.multi().hincrby(key, outcome, n).expire(key, 600).exec();
    };
    const mine = () => received.filter((r) => r.connectionId === connectionId).map((r) => `${r.kind} ${r.status}`);
    const a = checker(prefix);
    await count(1, 'failed', 3);
    await a.check();
    expect(mine()).toEqual([]); // three attempts: under the minimum
    await count(3, 'failed', 1);
    await count(9, 'completed', 50); // outside the 5-minute window
    await a.check();
    expect(mine()).toEqual(['failure-rate firing']);
    await count(0, 'completed', 5);
    await a.check();
    expect(mine()).toEqual(['failure-rate firing', 'failure-rate resolved']);
  });
});
