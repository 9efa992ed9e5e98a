import type { ResourceType } from '@medplum/fhirtypes';
import { isTopLevelElement } from '../fhir/required-elements';
import { isR4ResourceType } from '../fhir/resource-types';
import type { WriteRules } from '../fhir/write-validation';

/** `PUT /$sandbox/rules`: what this EHR demands of every write, as its profile would (US Core: Patient.gender). */
export interface RuleSettings {
  /** Top-level element names per resource type: `{"Patient": ["gender", "telecom"]}`. */
  requiredElements: Partial<Record<ResourceType, string[]>>;
  /** When set, every FHIR request (but /metadata) must carry `Authorization: Bearer <it>`, else 401. */
  bearerToken?: string;
}

/** The EHR's rules, switchable at run time; the repository reads them on every write. */
export class EhrRules implements WriteRules {
  private required = new Map<ResourceType, readonly string[]>();
  private bearerToken: string | undefined;

  current(): RuleSettings {
    const requiredElements = Object.fromEntries([...this.required].map(([type, names]) => [type, [...names]]));
    return { requiredElements, ...(this.bearerToken ? { bearerToken: this.bearerToken } : {}) };
  }

  replace(settings: RuleSettings): void {
    this.required = new Map(
      Object.entries(settings.requiredElements).map(([type, names]) => [type as ResourceType, [...(names ?? [])]]),
    );
    this.bearerToken = settings.bearerToken;
  }

  /** Whether a request's Authorization header opens the FHIR endpoint under these rules. */
  admits(authorization: string | undefined): boolean {
    return this.bearerToken === undefined || authorization === `Bearer ${this.bearerToken}`;
  }

  requiredElements(resourceType: ResourceType): readonly string[] {
    return this.required.get(resourceType) ?? [];
  }
}

/** Checks a `PUT /$sandbox/rules` body; answers the settings (repeated names once) or what is wrong with them. */
export function parseRuleSettings(input: unknown): RuleSettings | string {
  if (!isObject(input)) return 'expected a JSON object';
  const { requiredElements = {}, bearerToken, ...unknown } = input;
  const extra = Object.keys(unknown);
  if (extra.length > 0) return `unknown rule: ${extra.join(', ')}`;
  if (bearerToken !== undefined && (typeof bearerToken !== 'string' || !/^[A-Za-z0-9._~+/=-]{16,512}$/.test(bearerToken))) {
    return 'bearerToken must be a token of 16 to 512 URL-safe characters';
  }
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
  return { requiredElements: parsed, ...(bearerToken !== undefined ? { bearerToken } : {}) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
