import type { IncomingMessage } from 'node:http';

/** A request's path and query. Split by hand: `new URL('//x/y', base)` would read `x` as a host. */
export interface RequestTarget {
  path: string;
  query: URLSearchParams;
}

export function requestTarget(req: IncomingMessage): RequestTarget {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  return mark < 0 ? { path: url, query: new URLSearchParams() } : { path: url.slice(0, mark), query: new URLSearchParams(url.slice(mark + 1)) };
}

/** Query parameters as the router wants them: a repeated key becomes an array. */
export function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0]! : values;
  }
  return record;
}
