import { DomainError, ErrorCode } from '@keta/errors';
import { parseInput } from '../findings/rules-input';
import { clinicDefault, type Source } from '../findings/source';
import { clinicPolicySchema } from './clinic-policy';
import type { Policy } from './policy';
import { PRESETS } from './presets';

/**
 * A preset with the clinic's own adjustments (a deep partial), validated as a whole: an unknown key or a
 * bad value raises a validation error naming it. Adjusted values are cited as clinic-set.
 */
export function resolvePolicy(presetName: string, adjustments: Record<string, unknown> = {}): Policy {
  const base = (PRESETS as Record<string, Policy | undefined>)[presetName];
  if (!base) {
    throw new DomainError(ErrorCode.ValidationFailed, 'The rule input is invalid', [{ field: 'preset', message: `is not a preset: ${Object.keys(PRESETS).join(', ')}` }]);
  }
  const merged = deepMerge(base.rules, adjustments);
  const rules = parseInput(clinicPolicySchema, merged, 'policy');
  const adjusted: Record<string, Source> = {};
  for (const path of leafPaths(adjustments)) adjusted[path] = ADJUSTED;
  return { name: Object.keys(adjustments).length ? `${presetName} (adjusted)` : presetName, rules, sources: { ...base.sources, ...adjusted } };
}

const ADJUSTED = clinicDefault('adjusted by the clinic');

/**
 * The source of a policy value: clinic-set if the clinic adjusted it or any part of it, else the most
 * specific cited path, else clinic-set.
 */
export function sourceOf(policy: Policy, path: string): Source {
  const adjusted = Object.entries(policy.sources).some(([key, source]) => (key === path || key.startsWith(`${path}.`)) && source === ADJUSTED);
  if (adjusted) return ADJUSTED;
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const source = policy.sources[p];
    if (source) return source;
  }
  return clinicDefault(`policy ${path}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = key in base ? deepMerge(base[key], value) : value;
  return out;
}

function leafPaths(value: unknown, prefix = ''): string[] {
  if (!isPlainObject(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, prefix ? `${prefix}.${key}` : key));
}
