import type { DateSearchValue } from './date-search-value';
import type { Criterion, IdentifierToken, ParsedSearch } from './search-parameter.parser';
import type { FhirType } from './supported-resources';

export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** Collects bind values: every value reaches PostgreSQL as `$n`, never inside the SQL text. */
class Binds {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The SQL for one page of a search over the projection and for its total. The page is in id order and
 * asks for one row more than it returns, which tells whether there is a next page without a second count.
 */
export function searchQueries(type: FhirType, search: ParsedSearch): { page: SqlQuery; total: SqlQuery } {
  const binds = new Binds();
  const where = [`resource_type = ${binds.add(type)}`, ...search.criteria.map((c) => condition(c, binds))];
  const total = { text: `SELECT count(*)::int AS total FROM fhir_resource WHERE ${where.join(' AND ')}`, values: [...binds.values] };
  if (search.after) where.push(`id > ${binds.add(search.after)}::uuid`);
  const text = `SELECT id, patient_id, resource FROM fhir_resource WHERE ${where.join(' AND ')} ORDER BY id LIMIT ${binds.add(search.count + 1)}`;
  return { page: { text, values: binds.values }, total };
}

export function readQuery(type: FhirType, id: string): SqlQuery {
  return { text: `SELECT version, last_updated, resource FROM fhir_resource WHERE resource_type = $1 AND id = $2::uuid`, values: [type, id] };
}

export function patientsQuery(ids: readonly string[]): SqlQuery {
  return { text: `SELECT resource FROM fhir_resource WHERE resource_type = 'Patient' AND id = ANY($1::uuid[]) ORDER BY id`, values: [ids] };
}

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

function condition(criterion: Criterion, binds: Binds): string {
  switch (criterion.kind) {
    case 'id':
      return uuidIn('id', criterion.anyOf, binds);
    case 'patient':
      return uuidIn('patient_id', criterion.anyOf, binds);
    case 'status':
      return `status = ANY(${binds.add(criterion.anyOf)}::text[])`;
    case 'identifier':
      return anyOf(criterion.anyOf.map((token) => identifierCondition(token, binds)));
    case 'last-updated':
      return anyOf(criterion.anyOf.map((date) => dateCondition('last_updated', date, binds)));
    case 'date':
      return anyOf(criterion.anyOf.map((date) => dateCondition(elementAsInstant(criterion.element, binds), date, binds)));
  }
}

/** The element as an instant; the path is bound like any value (it comes from SUPPORTED, but SQL never holds it). */
function elementAsInstant(path: readonly string[], binds: Binds): string {
  return `(resource #>> ${binds.add(path)}::text[])::timestamptz`;
}

function anyOf(conditions: string[]): string {
  return `(${conditions.join(' OR ')})`;
}

/** Ids here are UUIDs: another well-formed FHIR id matches nothing (casting it would be a database error). */
function uuidIn(column: string, ids: readonly string[], binds: Binds): string {
  const uuids = ids.filter(isUuid);
  return uuids.length ? `${column} = ANY(${binds.add(uuids)}::uuid[])` : 'false';
}

/**
 * The projection keeps identifiers as `system|value` (`|value` without a system): a full token is an
 * array containment the GIN index serves; a value or a system alone compares the part either side of the bar.
 */
function identifierCondition({ system, value }: IdentifierToken, binds: Binds): string {
  if (system !== undefined && value !== undefined) return `identifiers @> ARRAY[${binds.add(`${system}|${value}`)}::text]`;
  if (value !== undefined) return `EXISTS (SELECT 1 FROM unnest(identifiers) AS k WHERE substr(k, strpos(k, '|') + 1) = ${binds.add(value)})`;
  return `EXISTS (SELECT 1 FROM unnest(identifiers) AS k WHERE left(k, strpos(k, '|')) = ${binds.add(`${system ?? ''}|`)})`;
}

/**
 * The value is the range [start, end); the target an instant. The end is computed in UTC so that adding a
 * day or a month does not depend on the session's time zone (DST). Binds are added only where used:
 * PostgreSQL cannot type a parameter the text never mentions.
 */
function dateCondition(target: string, { prefix, start, precision }: DateSearchValue, binds: Binds): string {
  const from = `${binds.add(start)}::timestamptz`;
  const end = () => `((${from} AT TIME ZONE 'UTC') + ${binds.add(precision)}::interval) AT TIME ZONE 'UTC'`;
  switch (prefix) {
    case 'eq':
      return `(${target} >= ${from} AND ${target} < ${end()})`;
    case 'gt':
      return `${target} >= ${end()}`;
    case 'ge':
      return `${target} >= ${from}`;
    case 'lt':
      return `${target} < ${from}`;
    case 'le':
      return `${target} < ${end()}`;
  }
}
