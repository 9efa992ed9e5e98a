/** The prefixes a date parameter takes here; R4's ne, sa, eb and ap are not supported. */
export const DATE_PREFIXES = ['eq', 'gt', 'ge', 'lt', 'le'] as const;
export type DatePrefix = (typeof DATE_PREFIXES)[number];

/**
 * A date search value as a half-open range [start, start + precision): FHIR compares ranges, so
 * `2026-03` means the whole month. Both ends go to PostgreSQL as text (start) and an interval (precision),
 * which keeps the microseconds of meta.lastUpdated that a JavaScript Date would drop.
 */
export interface DateSearchValue {
  prefix: DatePrefix;
  start: string;
  precision: string;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses `[prefix]value`; undefined when the value is not a valid FHIR date or dateTime (with a zone). */
export function parseDateSearchValue(raw: string): DateSearchValue | undefined {
  const prefix = DATE_PREFIXES.find((p) => raw.startsWith(p)) ?? 'eq';
  // An unencoded '+' in a query string decodes as a space; in a date it can only have been a zone offset.
  const value = (raw.startsWith(prefix) ? raw.slice(2) : raw).replace(' ', '+');
  const range = dateRange(value) ?? dateTimeRange(value);
  return range && { prefix, ...range };
}

function dateRange(value: string): Omit<DateSearchValue, 'prefix'> | undefined {
  const m = DATE.exec(value);
  if (!m) return undefined;
  const [, year, month, day] = m as unknown as [string, string, string | undefined, string | undefined];
  if (!isCalendarDate(year, month ?? '01', day ?? '01')) return undefined;
  const precision = day ? '1 day' : month ? '1 month' : '1 year';
  return { start: `${year}-${month ?? '01'}-${day ?? '01'}T00:00:00Z`, precision };
}

/** R4 requires a zone once there is a time, so a time without one is refused rather than guessed. */
function dateTimeRange(value: string): Omit<DateSearchValue, 'prefix'> | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = m as unknown as [
    string, string, string, string, string, string, string | undefined, string | undefined, string,
  ];
  if (!isCalendarDate(year, month, day) || Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return undefined;
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4)) > 59)) return undefined;
  const precision = fraction ? `0.${'0'.repeat(fraction.length - 1)}1 second` : second ? '1 second' : '1 minute';
  return { start: `${year}-${month}-${day}T${hour}:${minute}:${second ?? '00'}${fraction ? `.${fraction}` : ''}${zone}`, precision };
}

function isCalendarDate(year: string, month: string, day: string): boolean {
  // setUTCFullYear, not Date.UTC: the latter reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  return Number(year) >= 1 && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}
