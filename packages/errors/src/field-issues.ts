import { DomainError, type FieldIssue } from './domain-error';
import { ErrorCode } from './error-code';

interface PathIssue {
  path: readonly PropertyKey[];
  message: string;
  /** Keys an object does not take (zod's unrecognized_keys): each is named as a field of its own. */
  keys?: readonly string[];
}

/**
 * Turns schema issues (zod's shape) into field issues; an issue at the root is named `root`, a key an object
 * does not take is named itself, and every field may be put under a `prefix` (e.g. the Bundle entry it came from).
 */
export function toFieldIssues(issues: readonly PathIssue[], root = 'body', prefix = ''): FieldIssue[] {
  return issues.flatMap((issue) => {
    if (issue.keys?.length) {
      return issue.keys.map((key) => ({ field: prefix + [...issue.path.map(String), key].join('.'), message: 'is not a field this takes' }));
    }
    return [{ field: prefix + (issue.path.length ? issue.path.map(String).join('.') : root), message: issue.message }];
  });
}

/** One sentence naming every field at fault, e.g. "email: Invalid email address; role: Required". */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.message}`).join('; ');
}

/** A schema as zod shapes one, without depending on zod here. */
export interface SafeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly PathIssue[] } };
}

/** Parses a value, or raises a validation error (with `message`) that names every field at fault. */
export function parseOrFail<T>(schema: SafeParser<T>, value: unknown, message: string, fields: { root?: string; prefix?: string } = {}): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new DomainError(ErrorCode.ValidationFailed, message, toFieldIssues(result.error.issues, fields.root, fields.prefix));
}
