import { getDataType, getTypedPropertyValue, toTypedValue } from '@medplum/core';
import type { OperationOutcomeIssue, Resource, ResourceType } from '@medplum/fhirtypes';

/** How FHIR spells an element name: `gender`, `birthDate`, `deceased` (for `deceased[x]`). */
const ELEMENT_NAME = /^[a-z][A-Za-z0-9]*$/;

/** Whether `name` is a top-level element of the resource type; a choice element is named without `[x]`. */
export function isTopLevelElement(resourceType: ResourceType, name: string): boolean {
  if (!ELEMENT_NAME.test(name)) return false;
  const { elements } = getDataType(resourceType);
  return Object.hasOwn(elements, name) || Object.hasOwn(elements, `${name}[x]`);
}

/**
 * An issue for each of `names` the resource does not carry (absent, or an empty array): as a real EHR
 * enforces its profile, e.g. US Core's Patient.gender. Names the element, never a value.
 */
export function missingElementIssues(resource: Resource, names: readonly string[]): OperationOutcomeIssue[] {
  const typed = toTypedValue(resource);
  return names
    .filter((name) => {
      const value = getTypedPropertyValue(typed, name);
      return Array.isArray(value) ? value.length === 0 : value === undefined;
    })
    .map((name) => ({
      severity: 'error',
      code: 'required',
      details: { text: 'Required element missing' },
      diagnostics: `${resource.resourceType}.${name} is required by this EHR and is missing`,
      expression: [`${resource.resourceType}.${name}`],
    }));
}
