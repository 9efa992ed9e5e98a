import { DomainError, type FieldIssue } from '@keta/errors';

/** The field issues of the DomainError a rule raises for input it cannot trust; fails if it raises none. */
export function issuesOf(run: () => unknown): FieldIssue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a DomainError');
}
