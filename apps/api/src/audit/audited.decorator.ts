import type { AuditAction } from '@keta/domain';
import { SetMetadata } from '@nestjs/common';

export const AUDITED = 'keta:audited';

export interface AuditSpec {
  action: AuditAction;
  resourceType: string;
}

/** Every call of the route leaves an audit row, whatever its outcome (denials included). */
export const Audited = (resourceType: string, action: AuditAction) =>
  SetMetadata(AUDITED, { resourceType, action } satisfies AuditSpec);
