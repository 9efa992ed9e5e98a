import { DomainError, ErrorCode, type FieldIssue } from '@keta/errors';
import type { Bundle } from '@medplum/fhirtypes';
import type { EntityManager } from 'typeorm';
import { splitUnescaped, unescapeSearchValue } from './search-value-escaping';

/** An entry's `request.ifNoneExist`, as Keta evaluates it: one identifier, system and value. */
export interface IfNoneExist {
  entry: number;
  type: string;
  key: string;
}

/**
 * The conditional creates of a Bundle (`request.ifNoneExist`). Keta evaluates `identifier=<system>|<value>`,
 * the form EHRs use to send a record once; any other query is named as one it does not evaluate.
 */
export function readIfNoneExist(bundle: Bundle): { conditions: IfNoneExist[]; issues: FieldIssue[] } {
  const conditions: IfNoneExist[] = [];
  const issues: FieldIssue[] = [];
  for (const [entry, { request, resource }] of (bundle.entry ?? []).entries()) {
    if (!request?.ifNoneExist || !resource) continue;
    const params = [...new URLSearchParams(request.ifNoneExist.replace(/^\?/, ''))];
    const [name, value] = params[0] ?? [];
    const [system, code] = value === undefined ? [] : splitUnescaped(value, '|', 2).map(unescapeSearchValue);
    if (params.length !== 1 || name !== 'identifier' || !system || !code) {
      issues.push({ field: `Bundle.entry[${entry}].request.ifNoneExist`, message: 'Keta evaluates If-None-Exist as identifier=<system>|<value> only' });
      continue;
    }
    conditions.push({ entry, type: resource.resourceType, key: `${system}|${code}` });
  }
  return { conditions, issues };
}

/**
 * What each condition finds among the resources Keta serves: nothing (create), one (that one: no
 * create), or more, which FHIR answers 412 as it cannot tell which is meant.
 */
export async function resolveIfNoneExist(tx: EntityManager, conditions: readonly IfNoneExist[]): Promise<Map<number, { id: string; patientId: string }>> {
  const found = new Map<number, { id: string; patientId: string }>();
  for (const { entry, type, key } of conditions) {
    const rows = (await tx.query(
      `SELECT id, patient_id FROM fhir_resource WHERE resource_type = $1 AND identifiers @> ARRAY[$2::text] ORDER BY id LIMIT 2`, [type, key],
    )) as Array<{ id: string; patient_id: string }>;
    if (rows.length > 1) {
      throw new DomainError(ErrorCode.PreconditionFailed, `If-None-Exist matches more than one ${type}`, [
        { field: `Bundle.entry[${entry}].request.ifNoneExist`, message: `matches more than one ${type}: say which with an identifier that is unique` },
      ]);
    }
    if (rows[0]) found.set(entry, { id: rows[0].id, patientId: rows[0].patient_id });
  }
  return found;
}
