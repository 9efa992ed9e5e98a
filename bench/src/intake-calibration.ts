import { eventually, freePort, getJson, startProcess, type Started } from '@keta/lifecycle/testing';
import type { Client } from 'pg';
import { ENDPOINTS, cannon, post, referralsOnceSettled, type Endpoint, type Tally } from './intake-requests';
import { percentiles } from './percentiles';
import { ENTRY, stopProcess, type Stack } from './stack';
import { startStatementCounter, type StatementCounter } from './statement-counter';

/** Requests of each kind sent one at a time to learn what one request costs the database. */
const calibrationRequests = (smoke: boolean) => (smoke ? 5 : 20);

/** Row counts of every table of ours (not the migrations', not the scratch copies). */
async function rowCounts(sql: Client): Promise<Map<string, number>> {
  const tables = (await sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration' AND tablename NOT LIKE 'bench\\_%' ORDER BY 1`,
  )).rows.map((r) => r.name);
  const union = tables.map((t) => `SELECT ${sql.escapeLiteral(t)} AS name, count(*)::int AS n FROM ${sql.escapeIdentifier(t)}`).join(' UNION ALL ');
  return new Map((await sql.query<{ name: string; n: number }>(union)).rows.map((r) => [r.name, r.n]));
}

/** What one request costs the database; `sampleRows` are the rows the last calibration request wrote. */
export interface Calibration {
  statementsPerRequest: number;
  statementsRange: [number, number];
  rowsPerRequest: Record<string, number>;
  sampleRows: Array<{ table: string; row: unknown }>;
}

/**
 * A second api process, the same build and settings as the stack's, whose database connections go through
 * the statement counter (the stack's api connects directly, so the measured runs pay nothing for counting).
 */
async function startCalibrationApi(stack: Stack, counter: StatementCounter): Promise<{ url: string; process: Started }> {
  const port = await freePort();
  const databaseUrl = new URL(stack.db.url);
  databaseUrl.hostname = '127.0.0.1';
  databaseUrl.port = String(counter.port);
  const started = startProcess(ENTRY.api, {
    DATABASE_URL: databaseUrl.toString(), PORT: String(port), PUBLIC_URL: stack.apiUrl, LOG_LEVEL: 'warn', AUTH_TOKEN_TTL_SECONDS: '3600', INTAKE_MAX_PER_MINUTE: '1000000', MIGRATE_ON_START: 'false',
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(() => getJson(`${url}/health/ready`), (r) => r.status === 200, 30000);
  } catch (error) {
    await stopProcess(started);
    throw new Error(`the calibration api did not start: ${String(error)}\n${started.output()}`);
  }
  return { url, process: started };
}

/**
 * One request at a time, each counted from the previous one's answer to its own: back-to-back windows, so a
 * statement sent after an answer still counts, in the next window; the median leaves out the first one's
 * connection set-up. Rows: what each table grew by over them, per request, rounded.
 */
async function calibrate(apiUrl: string, stack: Stack, endpoint: Endpoint, counter: StatementCounter, sql: Client, tally: Tally, requests: number): Promise<Calibration> {
  const before = await rowCounts(sql);
  const statements: number[] = [];
  let counted = counter.statements();
  for (let i = 0; i < requests; i++) {
    if (!(await post(apiUrl, endpoint, stack, tally))) throw new Error(`calibration: ${endpoint.name} answered ${tally.firstFailure}`);
    const now = counter.statements();
    statements.push(now - counted);
    counted = now;
  }
  const rowsPerRequest: Record<string, number> = {};
  for (const [table, n] of await rowCounts(sql)) {
    const grown = (n - (before.get(table) ?? 0)) / requests;
    if (grown > 0 && !Number.isInteger(grown)) console.warn(`intake: ${endpoint.name} grows ${table} by ${grown} rows per request; rounded`);
    if (Math.round(grown) > 0) rowsPerRequest[table] = Math.round(grown);
  }
  const sampleRows: Calibration['sampleRows'] = [];
  for (const [table, n] of Object.entries(rowsPerRequest)) {
    // Only these requests wrote since `before` (the stack's api is idle, no worker runs), and they only add rows:
    // the physically last rows are the last request's.
    const rows = await sql.query<{ row: unknown }>(`SELECT row_to_json(t) AS row FROM (SELECT * FROM ${sql.escapeIdentifier(table)} ORDER BY ctid DESC LIMIT ${n}) t`);
    sampleRows.push(...rows.rows.map(({ row }) => ({ table, row })));
  }
  const sorted = [...statements].sort((a, b) => a - b);
  return { statementsPerRequest: percentiles(statements).p50, statementsRange: [sorted[0]!, sorted.at(-1)!], rowsPerRequest, sampleRows };
}

/** Warms the stack's api (JIT, pool connections) with `seconds` of each kind at full load, not measured. */
async function warmUp(stack: Stack, tally: Tally, concurrency: number, seconds: number): Promise<void> {
  for (const endpoint of ENDPOINTS) await cannon(stack, endpoint, tally, concurrency, seconds);
}

export async function calibrateAll(stack: Stack, sql: Client, tally: Tally, profile: { smoke: boolean; concurrency: number }): Promise<Map<Endpoint['name'], Calibration>> {
  const counter = await startStatementCounter({ host: new URL(stack.db.url).hostname, port: Number(new URL(stack.db.url).port || 5432) });
  // The calibration api boots while the stack's warms up: neither is measured, and it saves the smoke seconds.
  const [api, warm] = await Promise.allSettled([
    startCalibrationApi(stack, counter),
    warmUp(stack, tally, profile.concurrency, profile.smoke ? 0.5 : 3).then(() => referralsOnceSettled(sql, tally)),
  ]);
  try {
    if (api.status === 'rejected') throw api.reason;
    if (warm.status === 'rejected') throw warm.reason;
    const calibrations = new Map<Endpoint['name'], Calibration>();
    for (const endpoint of ENDPOINTS) calibrations.set(endpoint.name, await calibrate(api.value.url, stack, endpoint, counter, sql, tally, calibrationRequests(profile.smoke)));
    return calibrations;
  } finally {
    if (api.status === 'fulfilled') await stopProcess(api.value.process);
    await counter.close();
  }
}
