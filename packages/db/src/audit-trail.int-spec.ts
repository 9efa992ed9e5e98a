import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { AuditEventEntity } from './entities';
import { createTestDatabase, type TestDatabase } from './testing';

describe('audit_event is append-only for the application role', () => {
  let db: TestDatabase;
  let app: DataSource;
  let id: string;

  beforeAll(async () => {
    db = await createTestDatabase('audit');
    app = await createDataSource({ url: db.url, poolSize: 2 }).initialize();
    const row = await app.getRepository(AuditEventEntity).save({
      actorUserId: null, actorRole: 'admin', action: 'read', resourceType: 'user', resourceId: 'u-1',
      outcome: 'success', errorCode: null, ip: '127.0.0.1', requestId: 'r-1',
    });
    id = row.id;
  });
  afterAll(async () => {
    await app.destroy();
    await db.drop();
  });

  it.each([
    ['UPDATE', `UPDATE audit_event SET outcome = 'denied' WHERE id = $1`],
    ['DELETE', `DELETE FROM audit_event WHERE id = $1`],
  ])('refuses %s', async (operation, sql) => {
    await expect(app.query(sql, [id])).rejects.toThrow(`audit_event is append-only: ${operation} is not allowed`);
  });

  it('refuses TRUNCATE', async () => {
    await expect(app.query('TRUNCATE audit_event')).rejects.toThrow('audit_event is append-only: TRUNCATE');
  });

  it('refuses changes through the ORM too, and the row is untouched', async () => {
    const repo = app.getRepository(AuditEventEntity);
    await expect(repo.update({ id }, { outcome: 'denied' })).rejects.toThrow('append-only');
    await expect(repo.delete({ id })).rejects.toThrow('append-only');
    expect(await repo.findOneByOrFail({ id })).toMatchObject({ outcome: 'success', resourceId: 'u-1' });
  });
});
