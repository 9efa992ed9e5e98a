import { UserEntity } from '@keta/db';
import type { NewUser, UserChange, UserView } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import { assertCurrent } from '../http/if-match';
import { createUser, lockAdmins } from './create-user';
import { toUserView } from './user-view';
import { AuditedChange } from '../audit/audited-change.service';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: AuditedChange,
  ) {}

  async list(): Promise<UserView[]> {
    const users = await this.db.getRepository(UserEntity).find({ order: { email: 'ASC' } });
    return users.map(toUserView);
  }

  async get(id: string): Promise<UserView> {
    return toUserView(await this.find(this.db.manager, id));
  }

  /** In one transaction with its audit row: an account is never made without a record of who made it. */
  async create(input: NewUser): Promise<UserView> {
    return this.changes.run(async (tx) => toUserView(await createUser(tx, input)));
  }

  /**
   * Applies a change in one transaction, from the version read (If-Match): an admin never re-enables or
   * promotes an account over a change they did not see. The clinic never loses its last active admin.
   */
  async change(id: string, change: UserChange, expectedVersion: number): Promise<UserView> {
    return this.changes.run(async (tx) => {
      // Every change of a user takes this lock first, so the version read under it is the one the save replaces.
      await lockAdmins(tx);
      const user = await this.find(tx, id);
      assertCurrent('user', user.version, expectedVersion);
      const { password, ...fields } = change;
      const next = { ...user, ...fields, ...(password ? { passwordHash: await hashPassword(password) } : {}) };
      if (isActiveAdmin(user) && !isActiveAdmin(next)) await this.keepOneAdmin(tx, id);
      return toUserView(await tx.getRepository(UserEntity).save(next));
    });
  }

  private async keepOneAdmin(tx: EntityManager, leavingId: string): Promise<void> {
    const others = await tx
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where(`u.role = 'admin' AND NOT u.disabled AND u.id <> :leavingId`, { leavingId })
      .getCount();
    if (others === 0) throw new DomainError(ErrorCode.Conflict, 'The last active admin cannot be disabled or demoted');
  }

  private async find(db: EntityManager, id: string): Promise<UserEntity> {
    const user = await db.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw new DomainError(ErrorCode.NotFound, 'No user has this id');
    return user;
  }
}

function isActiveAdmin(user: Pick<UserEntity, 'role' | 'disabled'>): boolean {
  return user.role === 'admin' && !user.disabled;
}
