import { DomainError, ErrorCode, toFieldIssues } from '@keta/errors';
import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/**
 * Validates a body, query or route parameter against a domain schema; a failure names every field at
 * fault. `root` names the value itself (`body`, or the parameter's name).
 */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly root = 'body',
  ) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const issues = toFieldIssues(result.error.issues, this.root);
    throw new DomainError(ErrorCode.ValidationFailed, 'The request is invalid', issues);
  }
}
