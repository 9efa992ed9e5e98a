import type { BillingSystem } from '@keta/domain';
import type { Source } from '../findings/source';

/** One coded service of a superbill: a procedure (CPT) or a drug (HCPCS), in units of its code. */
export interface ServiceLine {
  system: BillingSystem;
  code: string;
  description: string;
  units: number;
  source: Source;
}

/** A diagnosis the services answer (ICD-10-CM); a diagnosis has no units and no fee. */
export interface DiagnosisLine {
  system: 'ICD-10-CM';
  code: string;
  description: string;
  source: Source;
}
