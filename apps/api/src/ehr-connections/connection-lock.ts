import { EhrConnectionEntity } from '@keta/db';
import type { EntityManager } from 'typeorm';

/**
 * The connection, locked for a change until the transaction ends. NO KEY UPDATE: changes of one connection wait
 * for each other, not for the key-share lock a running poll takes on it when it holds a referral.
 */
export function lockConnection(tx: EntityManager, id: string): Promise<EhrConnectionEntity | null> {
  return tx.getRepository(EhrConnectionEntity).findOne({ where: { id }, lock: { mode: 'for_no_key_update' } });
}
