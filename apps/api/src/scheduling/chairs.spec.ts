import { DomainError } from '@keta/errors';
import { asChairConflict } from './chairs';

describe('asChairConflict', () => {
  it('answers a conflict when the exclusion constraint refuses a booking', async () => {
    const refused = Object.assign(new Error('conflicting key value violates exclusion constraint'), { code: '23P01' });
    await expect(asChairConflict(() => Promise.reject(refused))).rejects.toMatchObject({ code: 'conflict' });
    await expect(asChairConflict(() => Promise.reject(refused))).rejects.toBeInstanceOf(DomainError);
  });

  it('passes other failures and results through', async () => {
    const other = Object.assign(new Error('x'), { code: '23505' });
    await expect(asChairConflict(() => Promise.reject(other))).rejects.toBe(other);
    await expect(asChairConflict(async () => 7)).resolves.toBe(7);
  });
});
