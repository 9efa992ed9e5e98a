import { parseOrFail } from '@keta/errors';
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
    return parseOrFail<z.infer<S>>(this.schema, value, 'The request is invalid', { root: this.root });
  }
}
