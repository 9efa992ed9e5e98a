export type { DiagnosisLine, ServiceLine } from './billing-line';
export { codeInfusion, type InfusionCodingInput } from './code-infusion';
export { diagnosisLines } from './diagnosis-lines';
export { priceServices, type PricedLine, type PricedServices } from './price-services';
export * from './superbill';
