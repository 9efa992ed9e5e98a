/** An API error as problem+json (docs/ERRORS.md): `detail` says what went wrong, `errors` name the fields. */
export interface Problem {
  status: number;
  title: string;
  detail: string;
  errors: Array<{ field: string; message: string }>;
}

export function toProblem(status: number, body: unknown): Problem {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<Problem>;
  return {
    status,
    title: typeof b.title === 'string' ? b.title : `The request failed (${status})`,
    detail: typeof b.detail === 'string' ? b.detail : fallbackDetail(status),
    errors: Array.isArray(b.errors) ? b.errors.filter((e) => typeof e?.field === 'string' && typeof e?.message === 'string') : [],
  };
}

function fallbackDetail(status: number): string {
  if (status === 0) return 'The clinic could not be reached. Check your connection and try again.';
  if (status >= 500) return 'Something went wrong at the clinic. Try again in a moment.';
  return `The request failed (${status}).`;
}
