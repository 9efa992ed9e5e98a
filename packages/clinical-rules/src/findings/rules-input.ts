import { DomainError, ErrorCode, toFieldIssues } from '@keta/errors';
import type { z } from 'zod';

/**
 * Validates a rule's input. Invalid input raises a DomainError (validation_failed) naming each field:
 * a rule never answers for input it cannot trust.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, root = 'input'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new DomainError(ErrorCode.ValidationFailed, 'The rule input is invalid', toFieldIssues(result.error.issues, root));
}
