export { INSTRUMENTS, INSTRUMENT_DEFINITIONS, type Instrument } from './instrument';
export * from './questionnaire-score';
export { assessResponse, type ResponseAssessment, type ResponseCategory, type ResponseInput } from './assess-response';
export * from './pain-change';
export * from './expected-response';
export * from './clinic-response-rate';
