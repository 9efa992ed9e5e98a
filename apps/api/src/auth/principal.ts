import type { Role } from '@keta/domain';
import type { Request } from 'express';

/** Who is calling: ids and role only. */
export interface Principal {
  userId: string;
  role: Role;
}

export type KetaRequest = Request & { principal?: Principal };
