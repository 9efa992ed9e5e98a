import { UserEntity } from '@keta/db';
import type { NewUser } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';

const UNIQUE_VIOLATION = '23505';

/**
 * Serialises changes to the set of admins (first admin, last admin) within a transaction, so two of them
 * cannot both pass their check.
 */
export async function lockAdmins(tx: EntityManager): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('app_user:admins'))`);
}

/** Creates a user; shared by the admin API and the first-admin CLI. An email is used once. */
export async function createUser(db: EntityManager, input: NewUser): Promise<UserEntity> {
  const passwordHash = await hashPassword(input.password);
  try {
    const { password: _password, ...fields } = input;
    return await db.getRepository(UserEntity).save({ ...fields, passwordHash });
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      throw new DomainError(ErrorCode.Conflict, 'A user with this email already exists', [
        { field: 'email', message: 'is already in use' },
      ]);
    }
    throw error;
  }
}
