import { Body, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodPipe } from '../http/zod.pipe';

type SchemaObject = Record<string, unknown>;

/** A domain schema as OpenAPI 3.0 describes it: what a caller may send (its input side). */
export function toOpenApiSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as SchemaObject;
}

function describe(target: object, key: string | symbol | undefined, decorator: MethodDecorator): void {
  if (key === undefined) throw new Error('a request schema decorates a route handler\'s parameter');
  decorator(target, key, Object.getOwnPropertyDescriptor(target, key)!);
}

/** The body, validated by a domain schema and described in /docs by the same schema: one place for both. */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodPipe(schema))(target, key, index);
    describe(target, key, ApiBody({ schema: toOpenApiSchema(schema) }));
  };
}

/** The query string, validated by a domain object schema and described in /docs parameter by parameter. */
export function ValidQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodPipe(schema, 'query'))(target, key, index);
    const { properties = {}, required = [] } = toOpenApiSchema(schema) as { properties?: Record<string, SchemaObject>; required?: string[] };
    for (const [name, property] of Object.entries(properties)) {
      describe(target, key, ApiQuery({ name, required: required.includes(name), schema: property }));
    }
  };
}

/** A document sent as the raw body (Content-Type: application/pdf): checked by the document store, described here. */
export function PdfBody(): MethodDecorator {
  return (target, key, descriptor) => {
    ApiConsumes('application/pdf')(target, key, descriptor);
    ApiBody({ schema: { type: 'string', format: 'binary', description: 'a PDF, at most the document store\'s size limit' } })(target, key, descriptor);
  };
}
