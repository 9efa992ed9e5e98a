export type { VitalSigns } from './vital-signs';
export * from './vitals-alerts';
export * from './adverse-effect';
export * from './adverse-effect-advice';
export * from './compute-dose';
