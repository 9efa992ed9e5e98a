import type { Client } from 'pg';
import type { Calibration } from './intake-calibration';

/**
 * Scratch copies `bench_<table>` of each table intake writes, with the same columns, defaults, checks and
 * triggers (the outbox's NOTIFY), and an index for each of its indexes, each made non-unique: the same upkeep,
 * but the sample rows, inserted again and again, never collide. (Foreign keys are not copied: they need unique
 * keys to point at.)
 */
export async function createScratchTables(sql: Client, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const scratch = sql.escapeIdentifier(`bench_${table}`);
    await sql.query(`DROP TABLE IF EXISTS ${scratch}; CREATE TABLE ${scratch} (LIKE ${sql.escapeIdentifier(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    const indexes = await sql.query<{ def: string }>(`SELECT indexdef AS def FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1 ORDER BY indexname`, [table]);
    for (const [i, { def }] of indexes.rows.entries()) {
      const how = /^CREATE (?:UNIQUE )?INDEX \S+ ON (?:ONLY )?\S+ (USING .+)$/s.exec(def)?.[1];
      if (!how) throw new Error(`cannot copy the index ${def}`);
      await sql.query(`CREATE INDEX ${sql.escapeIdentifier(`bench_${table}_${i}`)} ON ${scratch} ${how}`);
    }
    const triggers = await sql.query<{ def: string }>(`SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`, [sql.escapeIdentifier(table)]);
    for (const { def } of triggers.rows) {
      const [, head, tail] = /^(CREATE (?:CONSTRAINT )?TRIGGER \S+ .+? ON )\S+( .+)$/s.exec(def) ?? [];
      if (head === undefined || tail === undefined) throw new Error(`cannot copy the trigger ${def}`);
      await sql.query(`${head}${scratch}${tail}`);
    }
  }
}

/** One bare "request": BEGIN, the request's rows, cheap reads up to the api's statement count, COMMIT. */
export interface BarePlan {
  inserts: Array<{ text: string; row: unknown }>;
  padding: number;
  paddingText: string;
}

export function barePlan(sql: Client, calibration: Calibration): BarePlan {
  const inserts = calibration.sampleRows.map(({ table, row }) => {
    const scratch = sql.escapeIdentifier(`bench_${table}`);
    return { text: `INSERT INTO ${scratch} SELECT * FROM json_populate_record(null::${scratch}, $1)`, row };
  });
  const first = sql.escapeIdentifier(`bench_${calibration.sampleRows[0]!.table}`);
  return {
    inserts,
    padding: Math.max(0, calibration.statementsPerRequest - inserts.length - 2),
    // A round trip that reads a table, found by its tuple id: the cheapest statement that still goes through
    // the executor, so the bound stays a bound. A re-read by key would read every repeated copy of the row.
    paddingText: `SELECT 1 FROM ${first} WHERE ctid = '(0,1)'`,
  };
}

export async function bareRequest(client: Client, plan: BarePlan): Promise<boolean> {
  await client.query('BEGIN');
  for (const { text, row } of plan.inserts) await client.query(text, [row]);
  for (let i = 0; i < plan.padding; i++) await client.query(plan.paddingText);
  await client.query('COMMIT');
  return true;
}
