import type { FieldIssue } from './domain-error';

interface PathIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** Turns schema issues (zod's shape) into field issues; an issue at the root is named `root`. */
export function toFieldIssues(issues: readonly PathIssue[], root = 'body'): FieldIssue[] {
  return issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : root,
    message: issue.message,
  }));
}

/** One sentence naming every field at fault, e.g. "email: Invalid email address; role: Required". */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.message}`).join('; ');
}
