import { EhrClientEntity, UserEntity } from '@keta/db';
import { createTestDatabase, type TestDatabase } from '@keta/db/testing';
import { parseSmartScopes, type Role } from '@keta/domain';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { TokenService } from '../src/auth/token.service';
import { loadApiConfig } from '../src/config/api-config';
import { createApp } from '../src/create-app';
import { createUser } from '../src/users/create-user';

export interface TestApp {
  app: NestExpressApplication;
  http: Server;
  db: DataSource;
  /** Creates a user with this role and returns a bearer token for it. */
  signedIn(role: Role, password?: string): Promise<{ user: UserEntity; token: string }>;
  /**
   * Registers an EHR client with these scopes (and no usable key) and returns an access token issued to it,
   * for tests about what a client token opens; smart-*.int-spec.ts get theirs the way an EHR would.
   */
  clientSignedIn(scopes: string[]): Promise<{ clientId: string; token: string }>;
  close(): Promise<void>;
}

/** The real API on a database of its own, booted as `main` boots it (without listening on a port). */
export async function startTestApp(label: string, env: Record<string, string> = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase(label);
  const config = loadApiConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '4', ...env });
  const app = await createApp(config);
  await app.init();
  const db = app.get(DataSource);
  return {
    app,
    http: app.getHttpServer() as Server,
    db,
    async signedIn(role, password = 'a long enough passphrase') {
      const email = `${role}-${randomUUID()}@clinic.example`;
      const user = await createUser(db.manager, { email, displayName: `Test ${role}`, role, password });
      const { accessToken } = await app.get(TokenService).issue({ userId: user.id, role });
      return { user, token: accessToken };
    },
    async clientSignedIn(scopes) {
      const jwks = { keys: [{ kty: 'EC' as const, kid: 'unused', crv: 'P-384', x: 'AA', y: 'AA' }] };
      const client = await db.getRepository(EhrClientEntity).save({ name: 'Test EHR', jwks, scopes });
      const { accessToken } = await app.get(TokenService).issueForClient(client.id, parseSmartScopes(scopes));
      return { clientId: client.id, token: accessToken };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export async function countRows(db: DataSource, table: string): Promise<number> {
  const [row] = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
  return (row as { n: number }).n;
}
