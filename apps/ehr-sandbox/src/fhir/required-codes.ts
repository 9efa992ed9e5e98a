import { createStructureIssue, crawlTypedValue, toTypedValue, type TypedValueWithPath } from '@medplum/core';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { valueSetCodes } from './value-set-codes';

/**
 * validateResource checks structure, not terminology: it lets `gender: 'robot'` through. This checks each
 * `code` element bound `required` to a value set the R4 definitions enumerate (340 of R4's 355 such bindings).
 */
export function requiredCodeIssues(resource: Resource): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  crawlTypedValue(
    toTypedValue(resource),
    {
      visitProperty: (_parent, key, _path, values, schema) => {
        const binding = schema.elements[key]?.binding;
        const codes = binding?.strength === 'required' && binding.valueSet ? valueSetCodes(binding.valueSet) : undefined;
        if (!codes) return;
        for (const value of values.flat() as (TypedValueWithPath | undefined)[]) {
          if (value?.type === 'code' && typeof value.value === 'string' && !codes.has(value.value)) {
            issues.push(createStructureIssue(value.path, `Value "${value.value}" is not in the required value set ${binding?.valueSet}`));
          }
        }
      },
    },
    { skipMissingProperties: true },
  );
  return issues;
}
