export type { DischargeInput, DischargeVitals } from './discharge-input';
export * from './discharge-readiness';
