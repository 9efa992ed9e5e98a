import type { Reference } from '@medplum/fhirtypes';

/** The id a relative `Type/<id>` reference points at, when its type is one of those given. */
export function referencedId(reference: Reference | undefined, ...types: string[]): string | undefined {
  const [type, id, ...rest] = reference?.reference?.split('/') ?? [];
  return type && id && !rest.length && types.includes(type) ? id : undefined;
}
