import { AsyncLocalStorage } from 'node:async_hooks';
import type { KetaRequest } from '../auth/principal';
import type { AuditSpec } from './audited.decorator';

/** The audited route a request is in, for the change it makes to record its audit row in its own transaction. */
export interface AuditContext {
  req: KetaRequest;
  spec: AuditSpec;
  /** The record's id when the route names it (`:id`). */
  paramId?: string;
  /** Set once a transaction has committed the success row, so the interceptor does not write another. */
  recorded: boolean;
}

export const auditContext = new AsyncLocalStorage<AuditContext>();
