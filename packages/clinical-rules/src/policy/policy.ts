import type { Source } from '../findings/source';
import type { ClinicPolicy } from './clinic-policy';

/** Where each policy value comes from, by dotted path (e.g. `dayOf.fastingFoodHours`); unlisted ones are clinic-set. */
export type PolicySources = Readonly<Record<string, Source>>;

/** A clinic policy with the source of each of its values: what every rule takes. */
export interface Policy {
  name: string;
  rules: ClinicPolicy;
  sources: PolicySources;
}
