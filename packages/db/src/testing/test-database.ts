import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { quoteIdentifier } from '../ensure-database';
import { migrate } from '../migrate';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server tests create their databases on: TEST_DATABASE_URL, else the local default. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER;
}

/** A database of its own for one test file, so test files run in parallel. `migrated: false` leaves it empty. */
export async function createTestDatabase(label: string, { migrated = true } = {}): Promise<TestDatabase> {
  const name = `keta_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  await withServer((client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
  if (migrated) await migrate(url.toString());
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await withServer((client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
    },
  };
}

async function withServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
