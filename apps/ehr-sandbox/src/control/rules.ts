import type { ResourceType } from '@medplum/fhirtypes';
import { isTopLevelElement } from '../fhir/required-elements';
import { isR4ResourceType } from '../fhir/resource-types';
import type { WriteRules } from '../fhir/write-validation';

/** `PUT /$sandbox/rules`: what this EHR demands of every write, as its profile would (US Core: Patient.gender). */
export interface RuleSettings {
  /** Top-level element names per resource type: `{"Patient": ["gender", "telecom"]}`. */
  requiredElements: Partial<Record<ResourceType, string[]>>;
}

/** The EHR's rules, switchable at run time; the repository reads them on every write. */
export class EhrRules implements WriteRules {
  private required = new Map<ResourceType, readonly string[]>();

  current(): RuleSettings {
    return { requiredElements: Object.fromEntries([...this.required].map(([type, names]) => [type, [...names]])) };
  }

  replace(settings: RuleSettings): void {
    this.required = new Map(
      Object.entries(settings.requiredElements).map(([type, names]) => [type as ResourceType, [...(names ?? [])]]),
    );
  }

  requiredElements(resourceType: ResourceType): readonly string[] {
    return this.required.get(resourceType) ?? [];
  }
}

/** Checks a `PUT /$sandbox/rules` body; answers the settings (repeated names once) or what is wrong with them. */
export function parseRuleSettings(input: unknown): RuleSettings | string {
  if (!isObject(input)) return 'expected a JSON object';
  const { requiredElements = {}, ...unknown } = input;
  const extra = Object.keys(unknown);
  if (extra.length > 0) return `unknown rule: ${extra.join(', ')}`;
  if (!isObject(requiredElements)) return 'requiredElements must be an object of resource type to element names';
  const parsed: RuleSettings['requiredElements'] = {};
  for (const [type, names] of Object.entries(requiredElements)) {
    if (!isR4ResourceType(type)) return `requiredElements: ${type} is not an R4 resource type`;
    if (!Array.isArray(names) || !names.every((name): name is string => typeof name === 'string' && name.length > 0)) {
      return `requiredElements.${type} must be an array of element names`;
    }
    const unknownName = names.find((name) => !isTopLevelElement(type, name));
    if (unknownName !== undefined) return `requiredElements.${type}: ${unknownName} is not a top-level element of ${type}`;
    parsed[type] = [...new Set(names)];
  }
  return { requiredElements: parsed };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
