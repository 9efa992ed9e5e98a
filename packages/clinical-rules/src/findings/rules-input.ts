import { parseOrFail } from '@keta/errors';
import type { z } from 'zod';

/**
 * Validates a rule's input. Invalid input raises a DomainError (validation_failed) naming each field:
 * a rule never answers for input it cannot trust.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, root = 'input'): z.infer<S> {
  return parseOrFail<z.infer<S>>(schema, input, 'The rule input is invalid', { root });
}
