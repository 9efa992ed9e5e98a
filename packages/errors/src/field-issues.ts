import type { FieldIssue } from './domain-error';

interface PathIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** Turns schema issues (zod's shape) into field issues; the root is called `body`. */
export function toFieldIssues(issues: readonly PathIssue[]): FieldIssue[] {
  return issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : 'body',
    message: issue.message,
  }));
}

/** One sentence naming every field at fault, e.g. "email: Invalid email address; role: Required". */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.message}`).join('; ');
}
